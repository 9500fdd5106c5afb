import { CardFactory, TurnContext, type ConversationReference } from 'botbuilder';
import type { Notifier, Delivery } from '../conversation/notifier.js';
import { translator, type Language } from '../i18n/index.js';
import type { Logger } from '../logger.js';
import type { StateStorage } from '../store/fileStateStorage.js';
import type { BotAdapter } from './adapter.js';

/**
 * What a proactive message needs (issue 21): each user's personal conversation with the bot, kept
 * from the last message they sent there, in the conversation state storage (both backends), with
 * their language. Written only when it changed, so a chatty admin costs no writes.
 */
interface SavedReference {
  reference: Partial<ConversationReference>;
  language: Language;
}

const keyOf = (tenantId: string, userId: string) => `proactive/${tenantId}/${userId}`;

/** Teams' answers that mean the person cannot be written to (removed the app, left the tenant). */
const GONE = new Set([403, 404]);
const RETRIES = 3;

export class ProactiveConversations implements Notifier {
  private readonly written = new Map<string, string>();

  constructor(
    private readonly adapter: BotAdapter,
    private readonly storage: StateStorage,
    private readonly appId: string,
    private readonly logger: Logger,
    /** Waits between retries after Teams answers 429 (tests pass a short one). */
    private readonly backoffMs = 1_000,
  ) {}

  /** Keeps the personal conversation of the member this activity comes from. */
  async remember(context: TurnContext, tenantId: string, userId: string, language: Language): Promise<void> {
    const saved: SavedReference = { reference: TurnContext.getConversationReference(context.activity), language };
    const text = JSON.stringify(saved);
    const key = keyOf(tenantId, userId);
    if (this.written.get(key) === text) return;
    await this.storage.write({ [key]: { ...saved, eTag: '*' } });
    this.written.set(key, text);
  }

  async tell(tenantId: string, userId: string, card: Parameters<Notifier['tell']>[2]): Promise<Delivery> {
    const key = keyOf(tenantId, userId);
    const saved = (await this.storage.read([key]))[key] as SavedReference | undefined;
    if (!saved?.reference?.conversation) return 'unreachable';
    const content = card(translator(saved.language));
    for (let attempt = 0; ; attempt++) {
      try {
        await this.adapter.continueConversationAsync(this.appId, saved.reference, async (context) => {
          await context.sendActivity({ attachments: [CardFactory.adaptiveCard(content)] });
        });
        return 'sent';
      } catch (error) {
        const status = (error as { statusCode?: number }).statusCode;
        if (status !== undefined && GONE.has(status)) {
          // They removed the app or left: forget the conversation, say they could not be reached.
          await this.storage.delete([key]);
          this.written.delete(key);
          return 'unreachable';
        }
        if (status === 429 && attempt < RETRIES) {
          await new Promise((resolve) => setTimeout(resolve, this.backoffMs * 2 ** attempt));
          continue;
        }
        this.logger.warn({ status, tenantId, userId }, 'a proactive message could not be sent');
        return 'unreachable';
      }
    }
  }
}
