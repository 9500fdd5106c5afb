import type { CardJson } from '../../src/conversation/turn.js';
import type { Delivery, Notifier } from '../../src/conversation/notifier.js';
import { translator, type Translator } from '../../src/i18n/index.js';
import type { Language } from '../../src/store/schema.js';

/**
 * Stands in for the kept personal chats in turn tests: records each card the bot starts itself,
 * built in the recipient's language, and answers `unreachable` for the people listed as such.
 */
export class RecordingNotifier implements Notifier {
  readonly sent: { tenantId: string; userId: string; card: CardJson }[] = [];
  readonly unreachable = new Set<string>();
  constructor(private readonly languageOf: (userId: string) => Language = () => 'en') {}

  async tell(tenantId: string, userId: string, card: (t: Translator) => CardJson): Promise<Delivery> {
    if (this.unreachable.has(userId)) return 'unreachable';
    this.sent.push({ tenantId, userId, card: card(translator(this.languageOf(userId))) });
    return 'sent';
  }

  to(userId: string): CardJson[] {
    return this.sent.filter((each) => each.userId === userId).map((each) => each.card);
  }

  clear(): void {
    this.sent.splice(0);
  }
}
