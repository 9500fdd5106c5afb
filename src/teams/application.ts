import type { ProactiveConversations } from './proactive.js';
import {
  attachedFiles,
  downloadFile,
  fileConsentCard,
  fileInfoCard,
  uploadFile,
  uploadInfoOf,
  type AttachedFile,
} from './fileTransfer.js';
import { FILE_MAX_BYTES } from '../conversation/incomingFiles.js';
import { isExportedFile } from '../conversation/fileExports.js';
import type { Notifier } from '../conversation/notifier.js';
import { ActivityTypes, CardFactory, type Storage, type TurnContext } from 'botbuilder';
import { Application, type AdaptiveCard, type TeamsAdapter } from '@microsoft/teams-ai';
import type { AppConfig } from '../config.js';
import { languageFromLocale, translator, type Translator } from '../i18n/index.js';
import type { Logger } from '../logger.js';
import { StoreWriteError, type AccountStore } from '../store/accountStore.js';
import { MemoryActivityLedger, type ActivityLedger } from '../store/activityLedger.js';
import type { ConversationCatalog } from '../conversation/catalog.js';
import { UserFlows } from '../conversation/flows.js';
import { noticeCard } from '../conversation/notice.js';
import { handleMessage, runCardAction, runFileExport } from '../conversation/runtime.js';
import type { CardJson, MemberTurn } from '../conversation/turn.js';
import { resolveAccess, teamsMemberLookup, type Access, type MemberLookup } from './access.js';
import { BoundedSet } from './boundedSet.js';
import { ConversationQueue } from './conversationQueue.js';
import { boundOutboundCalls, isOutboundFailure, OutboundTimeoutError, withDeadline } from './outboundDeadline.js';
import { SenderThrottle } from './senderThrottle.js';
import { answerThrottled, answerUnhandledInvoke, INVOKE, senderOf } from './turnGuards.js';
import type { BotTurnState } from './turnState.js';

/**
 * The Teams layer's heart: Teams AI's `Application` receives every activity, this file decides who
 * is acting (access.ts), builds the channel-neutral turn the conversations see, and hands messages,
 * card clicks and greetings to the conversation kit. It knows no conversation by name: they come
 * assembled in a catalog from the composition root (src/app.ts).
 */
export interface TeamsBotDependencies {
  config: AppConfig;
  store: AccountStore;
  /** Conversation state (in-progress flows), persisted across restarts. */
  storage: Storage;
  logger: Logger;
  conversations: ConversationCatalog;
  adapter?: TeamsAdapter;
  memberLookup?: MemberLookup;
  /** Activities already handled; one in memory when not given (one process). */
  ledger?: ActivityLedger;
  /** Keeps each member's personal conversation, for the messages the bot starts itself. */
  proactive?: ProactiveConversations;
  /** Who is told of what the bot starts itself, when not the kept chats (turn tests record it). */
  notifier?: Notifier;
}

/** Without kept chats (tests that do not need alerts), nobody can be written to first. */
const NOBODY_REACHABLE: Notifier = { tell: () => Promise.resolve('unreachable') };

/** What the HTTP layer runs for each activity. */
export interface Bot {
  run(context: TurnContext): Promise<void>;
}

/** The key under which the HTTP layer hands each turn its request-scoped logger. */
export const TURN_LOGGER = Symbol('turnLogger');

/** The admin's own email domain, for examples in forms; a neutral one when they have no email on record. */
function emailDomainOf(email: string | undefined): string {
  const at = email?.lastIndexOf('@') ?? -1;
  return email && at > 0 ? email.slice(at + 1) : 'example.com';
}

/** Our cards are expanded templates (plain JSON); Teams AI types the invoke answer more narrowly. */
function asAdaptiveCard(card: CardJson): AdaptiveCard {
  if (card.type !== 'AdaptiveCard') throw new Error('Not an Adaptive Card');
  return card as unknown as AdaptiveCard;
}

/**
 * The time zone a Teams client sends with each activity ("Europe/Paris"), if the runtime knows it;
 * anything else (missing, forged, too long) is UTC.
 */
function timeZoneOf(sent: unknown): string {
  if (typeof sent !== 'string' || sent.length > 64) return 'UTC';
  try {
    return new Intl.DateTimeFormat('en', { timeZone: sent }).resolvedOptions().timeZone;
  } catch {
    return 'UTC';
  }
}

/** botbuilder's storages (and ours) report a write with an outdated eTag this way. */
function isStateConflict(error: Error): boolean {
  return /eTag conflict/.test(error?.message ?? '');
}

export function createTeamsBot(deps: TeamsBotDependencies): Bot {
  const outboundMs = deps.config.outboundTimeoutMs;
  const ledger = deps.ledger ?? new MemoryActivityLedger();
  const rosterLookup = deps.memberLookup ?? teamsMemberLookup;
  // A roster that does not answer in time is a roster that does not know them (as when it fails).
  const memberLookup: MemberLookup = (context) =>
    withDeadline(rosterLookup(context), outboundMs, 'reading the Teams roster').catch((error: Error) => {
      if (!(error instanceof OutboundTimeoutError)) throw error;
      loggerFor(context).warn({ ms: outboundMs }, 'the Teams roster did not answer in time');
      return undefined;
    });
  const app = new Application<BotTurnState>({
    adapter: deps.adapter,
    storage: deps.storage,
    botAppId: deps.config.credentials?.MicrosoftAppId,
    startTypingTimer: false,
    removeRecipientMention: true,
  });
  const queue = new ConversationQueue();
  const throttle = new SenderThrottle(deps.config.throttle);
  const { conversations } = deps;

  const loggerFor = (context: TurnContext): Logger =>
    context.turnState.get<Logger | undefined>(TURN_LOGGER) ?? deps.logger;

  const access = (context: TurnContext): Promise<Access> =>
    resolveAccess(context, { store: deps.store, config: deps.config, memberLookup });

  const refusalText = (refused: Extract<Access, { kind: 'refused' }>): string => {
    const t = translator(refused.language);
    const values: Record<string, string> = { ...refused.values };
    if (refused.adminNames) values.admins = t.list(refused.adminNames);
    return t.t(refused.messageKey, values);
  };

  /** A member writing in their personal chat can be written to later (alerts): keep where. */
  const rememberChat = async (context: TurnContext, who: Extract<Access, { kind: 'member' }>) => {
    if (!deps.proactive || (context.activity.conversation?.conversationType ?? 'personal') !== 'personal') return;
    await deps.proactive
      .remember(context, who.organization.tenantId, who.user.id, who.language)
      .catch((error: Error) => loggerFor(context).warn({ err: { message: error.message } }, 'chat not kept'));
  };

  const memberTurn = (
    context: TurnContext,
    state: BotTurnState,
    who: Extract<Access, { kind: 'member' }>,
    attached: readonly AttachedFile[] = context.activity.type === 'message'
      ? attachedFiles(context.activity.attachments)
      : [],
  ): MemberTurn => ({
    organization: who.organization,
    user: who.user,
    t: translator(who.language, { domain: emailDomainOf(who.user.email) }),
    logger: loggerFor(context),
    flows: new UserFlows(state.conversation, who.user.id, conversations.flowDefinitions),
    timeZone: timeZoneOf(context.activity.localTimezone),
    personal: (context.activity.conversation?.conversationType ?? 'personal') === 'personal',
    botId: context.activity.recipient?.id ?? '',
    conversations,
    say: async (text) => {
      await context.sendActivity(text);
    },
    sendCard: async (card) => {
      await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
    },
    notifier: deps.notifier ?? deps.proactive ?? NOBODY_REACHABLE,
    files: attached.map((each) => each.file),
    download: async (file) => {
      // Only a file of this very message, from the URL Teams gave for it.
      const found = attached.find((each) => each.file === file);
      return found ? downloadFile(found.downloadUrl, FILE_MAX_BYTES, outboundMs) : { kind: 'failed' };
    },
    offerFile: async (offer) => {
      await context.sendActivity({
        attachments: [
          fileConsentCard({
            name: offer.name,
            description: offer.description,
            sizeInBytes: offer.sizeInBytes,
            context: offer.request,
          }),
        ],
      });
    },
  });

  /**
   * Greets a conversation once, whichever of installationUpdate / conversationUpdate comes first.
   * Teams sends both at the same moment, so both turns load `welcomed: false` before either saves:
   * the in-process claim settles the race, the persisted flag covers restarts.
   */
  const welcomeClaims = new BoundedSet(10_000);
  const welcome = async (context: TurnContext, state: BotTurnState) => {
    const conversationId = context.activity.conversation.id;
    if (state.conversation.welcomed || welcomeClaims.has(conversationId)) return;
    welcomeClaims.add(conversationId);
    const who = await access(context);
    state.conversation.welcomed = true;
    if (who.kind === 'refused') {
      await context.sendActivity(refusalText(who));
      return;
    }
    const turn = memberTurn(context, state, who);
    await conversations.greet(turn, who.joined ? 'joined' : 'new_chat');
    await conversations.afterTurn(turn);
  };

  app.conversationUpdate('membersAdded', async (context, state) => {
    const botId = context.activity.recipient?.id;
    const botAdded = (context.activity.membersAdded ?? []).some((member) => member.id === botId);
    if (botAdded) await welcome(context, state);
  });

  app.activity(ActivityTypes.InstallationUpdate, async (context, state) => {
    const action = (context.activity as { action?: string }).action ?? '';
    if (action.startsWith('add')) await welcome(context, state);
  });

  // Action.Execute: the card we return replaces the one the admin clicked.
  app.adaptiveCards.actionExecute(/^.*$/, async (context, state, data): Promise<AdaptiveCard> => {
    const who = await access(context);
    if (who.kind === 'refused') return asAdaptiveCard(noticeCard({ title: refusalText(who), tone: 'attention' }));
    const turn = memberTurn(context, state, who);
    const verb = (context.activity.value as { action?: { verb?: unknown } } | undefined)?.action?.verb;
    turn.logger.info(
      { verb: String(verb).slice(0, 64), tenantId: who.organization.tenantId, userId: who.user.id },
      'card action',
    );
    const card = await runCardAction(conversations, turn, verb, data);
    await conversations.afterTurn(turn);
    return asAdaptiveCard(card);
  });

  // A file consent accepted: the export is built again for who accepted it, uploaded, then shown.
  app.fileConsentAccept(async (context, state, response) => {
    const who = await access(context);
    if (who.kind === 'refused') {
      await context.sendActivity(refusalText(who));
      return;
    }
    const turn = memberTurn(context, state, who);
    const upload = uploadInfoOf(response);
    const built = await runFileExport(conversations, turn, response?.context);
    if (!isExportedFile(built)) {
      await turn.sendCard(built);
      return;
    }
    if (!upload) {
      turn.logger.warn('file consent without a usable upload session');
      await turn.say(turn.t.t('export.notUploaded'));
      return;
    }
    try {
      await uploadFile(upload.uploadUrl, built.content, outboundMs);
    } catch (error) {
      turn.logger.warn({ err: { message: (error as Error).message } }, 'the file could not be uploaded');
      await turn.say(turn.t.t('export.notUploaded'));
      return;
    }
    await context.sendActivity({ attachments: [fileInfoCard(upload)] });
    turn.logger.info(
      { tenantId: who.organization.tenantId, userId: who.user.id, bytes: built.content.length },
      'file sent',
    );
  });

  app.fileConsentDecline(async (context) => {
    const who = await access(context);
    const language = who.kind === 'member' ? who.language : languageFromLocale(context.activity.locale);
    await context.sendActivity(translator(language).t('export.declined'));
  });

  app.activity(ActivityTypes.Message, async (context, state) => {
    const who = await access(context);
    if (who.kind === 'refused') {
      await context.sendActivity(refusalText(who));
      return;
    }
    const turn = memberTurn(context, state, who);
    await rememberChat(context, who);
    await handleMessage(conversations, turn, {
      text: context.activity.text,
      value: context.activity.value,
      joined: who.joined === true,
    });
    await conversations.afterTurn(turn);
  });

  app.error(async (context, error) => {
    loggerFor(context).error({ err: { name: error.name, message: error.message, stack: error.stack } }, 'turn failed');
    if (isOutboundFailure(error)) throw error;
    const t: Translator = translator(languageFromLocale(context.activity.locale));
    // Another instance wrote this conversation's state first (botbuilder's eTag check): its turn
    // may have saved a change, so "nothing was changed" would not be true.
    const text =
      error instanceof StoreWriteError
        ? t.t('errors.saveFailed')
        : isStateConflict(error)
          ? t.t('errors.stateConflict')
          : t.t('errors.generic');
    // Invokes need an answer of their own; for everything else a message tells the admin.
    if (context.activity.type !== INVOKE) await context.sendActivity(text);
  });

  return {
    run: async (context) => {
      boundOutboundCalls(context, outboundMs);
      // A message Teams sends again (no answer within ~15 s) is handled once, by whichever instance got it first.
      const { activity } = context;
      if (activity.type === 'message' && activity.id && activity.conversation?.id) {
        if (!(await ledger.claim(activity.conversation.id, activity.id))) {
          loggerFor(context).info('a message sent again was already handled: ignored');
          return;
        }
      }
      // Before the conversation queue: a flood must not hold up the sender's own queue either.
      const verdict = throttle.take(senderOf(context));
      if (verdict !== 'admit') {
        loggerFor(context).warn({ verdict }, 'turn throttled');
        return answerThrottled(context, verdict === 'refuse_and_tell');
      }
      return queue.run(context.activity.conversation?.id, async () => {
        try {
          await app.run(context);
        } catch (error) {
          // Teams AI saves the conversation state after the turn, outside its error handler: another
          // instance wrote it first. Its answer is kept, and the admin is told so.
          if (!isStateConflict(error as Error) || context.activity.type === INVOKE) throw error;
          loggerFor(context).warn('conversation state written meanwhile by another instance; kept theirs');
          const t = translator(languageFromLocale(context.activity.locale));
          await context.sendActivity(t.t('errors.stateConflict'));
          return;
        }
        await answerUnhandledInvoke(context);
      });
    },
  };
}
