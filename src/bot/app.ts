import { ActivityTypes, type Storage, type TurnContext } from 'botbuilder';
import { Application, type AdaptiveCard, type TeamsAdapter } from '@microsoft/teams-ai';
import type { AppConfig } from '../config.js';
import { languageFromLocale, translator, type Translator } from '../i18n/index.js';
import { recognize } from '../language/recognizer.js';
import type { Logger } from '../logger.js';
import { StoreWriteError, type AccountStore } from '../store/accountStore.js';
import type { PolicyAction } from '../domain/policy.js';
import { showHelp, showNotUnderstood } from '../../dialogs/help.js';
import { showMyRole } from '../../dialogs/myRole.js';
import { showPrograms } from '../../dialogs/programs.js';
import { addUserActions, startAddUser } from '../../dialogs/addUser.js';
import { editRolesActions } from '../../dialogs/editRoles.js';
import { pickUserActions, searchFromText, startWithUser } from '../../dialogs/pickUser.js';
import { removeUserActions } from '../../dialogs/removeUser.js';
import { notificationEmailActions, startNotificationEmail } from '../../dialogs/notificationEmail.js';
import { showRoleForTask, showRoleHolders, showRolePermissions, showUserRoles } from '../../dialogs/lookups.js';
import { showOrgProfile } from '../../dialogs/orgProfile.js';
import { settleOnboarding, showOnboarding } from '../../dialogs/onboarding.js';
import { startSupportProfile, supportProfileActions } from '../../dialogs/supportProfile.js';
import { primaryContactActions, startPrimaryContact } from '../../dialogs/primaryContact.js';
import { partnerIdActions, startAddLocation, startPartnerId } from '../../dialogs/partnerId.js';
import { showTaxExemptions, taxExemptionsActions } from '../../dialogs/taxExemptions.js';
import { showHistory } from '../../dialogs/history.js';
import { greetJoinedUser, welcomeConversation } from '../../dialogs/welcome.js';
import { cancelByText } from '../../dialogs/cancel.js';
import { switchLanguage } from '../../dialogs/language.js';
import { resolveAccess, teamsMemberLookup, type Access, type MemberLookup } from './access.js';
import { cancelActions, createCardRouter, verbFromSubmit, type CardActionHandlers } from './cardRouter.js';
import { commandFromSubmit, type Request } from './commands.js';
import { ConversationQueue } from './conversationQueue.js';
import { SenderThrottle } from './senderThrottle.js';
import { answerThrottled, answerUnhandledInvoke, MESSAGE_MAX_CHARACTERS, senderOf } from './turnGuards.js';
import { allowedOrExplained } from './denial.js';
import { BoundedSet } from './boundedSet.js';
import { UserFlows } from './flows.js';
import { noticeCard, sendCard } from './notice.js';
import type { BotTurnState, CardJson, MemberTurn } from './turn.js';

export interface BotDependencies {
  config: AppConfig;
  store: AccountStore;
  /** Conversation state (in-progress flows), persisted across restarts. */
  storage: Storage;
  logger: Logger;
  adapter?: TeamsAdapter;
  memberLookup?: MemberLookup;
}

/** What the HTTP layer runs for each activity. */
export interface Bot {
  run(context: TurnContext): Promise<void>;
}

/** The key under which the HTTP layer hands each turn its request-scoped logger. */
export const TURN_LOGGER = Symbol('turnLogger');

/** Every card button's verb and its handler: the whole surface a card can reach. */
export const CARD_ACTIONS: CardActionHandlers = {
  ...addUserActions,
  ...pickUserActions,
  ...editRolesActions,
  ...removeUserActions,
  ...notificationEmailActions,
  ...supportProfileActions,
  ...primaryContactActions,
  ...partnerIdActions,
  ...taxExemptionsActions,
  ...cancelActions,
};

const runCardAction = createCardRouter(CARD_ACTIONS);

/** Read-only answers first ask the policy; a refusal is explained in the admin's language. */
async function ifAllowed(turn: MemberTurn, action: PolicyAction, show: (turn: MemberTurn) => Promise<void>): Promise<void> {
  if (await allowedOrExplained(turn, action)) await show(turn);
}

/**
 * Whom a request is about: a user chosen on a card, the one user the message names, or else the
 * words it used for them (a shared first name, an unknown name, an email), for the picker to search.
 */
function whoOf(request: Request, options: { emails: boolean } = { emails: true }): { text?: string; userId?: string } | undefined {
  if (request.userId) return { userId: request.userId };
  const [only, ...others] = request.entities.people ?? [];
  if (only && others.length === 0) return { userId: only.id };
  const text = request.entities.person ?? (options.emails ? request.entities.emails?.[0] : undefined);
  return text ? { text } : undefined;
}

/** "Change my notification email to ops@contoso.com": the address that is not someone's own. */
function newAddressOf(turn: MemberTurn, request: Request): string | undefined {
  const users = turn.organization.read().users;
  return request.entities.emails?.find((email) => !users.some((user) => user.email?.toLowerCase() === email));
}

/** One message's request, to the conversation that handles it. */
async function route(turn: MemberTurn, request: Request): Promise<void> {
  const { entities } = request;
  const roles = entities.roles ?? [];
  switch (request.intent) {
    case 'help':
      return showHelp(turn);
    case 'cancel':
      return cancelByText(turn);
    case 'set_language':
      return switchLanguage(turn, entities.language ?? turn.t.language);
    case 'add_user':
      return startAddUser(turn, {
        ...(entities.displayName ? { displayName: entities.displayName } : {}),
        ...(entities.emails?.[0] ? { email: entities.emails[0] } : {}),
        roles,
      });
    case 'assign_roles':
    case 'remove_roles': {
      // "Make Megan a billing admin": the change itself, to confirm. Without a role: the role editor.
      const change = roles.length === 0 ? undefined : request.intent === 'assign_roles' ? { add: roles, remove: [] } : { add: [], remove: roles };
      return startWithUser(turn, 'edit_roles', whoOf(request), change ? { change } : {});
    }
    case 'remove_user':
      return startWithUser(turn, 'remove_user', whoOf(request));
    case 'update_notification_email': {
      const who = whoOf(request, { emails: false });
      const email = newAddressOf(turn, request);
      // "Change Lynne's notification email" typed by Lynne is her own, which anyone may change.
      if (who && who.userId !== turn.user.id) return startWithUser(turn, 'notification_email', who, email ? { email } : {});
      return startNotificationEmail(turn, email);
    }
    case 'my_role':
      return ifAllowed(turn, { type: 'view_user_roles', target: turn.user }, showMyRole);
    case 'user_roles':
      return showUserRoles(turn, whoOf(request) ?? {});
    case 'role_holders':
      return showRoleHolders(turn, roles[0]);
    case 'role_permissions':
      return showRolePermissions(turn, roles[0]);
    case 'role_for_task':
      return showRoleForTask(turn, entities.task);
    case 'programs':
      return ifAllowed(turn, { type: 'view_org_section', section: 'programs' }, showPrograms);
    case 'org_profile':
      return showOrgProfile(turn);
    case 'onboarding':
      return showOnboarding(turn);
    case 'update_support_profile':
      return startSupportProfile(turn, {
        ...(entities.emails?.[0] ? { email: entities.emails[0] } : {}),
        ...(entities.phone ? { phone: entities.phone } : {}),
        ...(entities.website ? { website: entities.website } : {}),
      });
    case 'update_primary_contact': {
      const [only, ...others] = entities.people ?? [];
      return startPrimaryContact(turn, {
        ...(only && others.length === 0 ? { userId: only.id } : {}),
        ...(entities.emails?.[0] ? { email: entities.emails[0] } : {}),
        ...(entities.phone ? { phone: entities.phone } : {}),
      });
    }
    case 'associate_partner_id':
      return startPartnerId(turn);
    case 'add_location':
      return startAddLocation(turn);
    case 'tax_exemptions':
      return showTaxExemptions(turn);
    case 'history':
      return showHistory(turn, whoOf(request, { emails: true }));
    case 'none':
      return showNotUnderstood(turn, request);
  }
}

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

export function createBotApplication(deps: BotDependencies): Bot {
  const memberLookup = deps.memberLookup ?? teamsMemberLookup;
  const app = new Application<BotTurnState>({
    adapter: deps.adapter,
    storage: deps.storage,
    botAppId: deps.config.credentials?.MicrosoftAppId,
    startTypingTimer: false,
    removeRecipientMention: true,
  });
  const queue = new ConversationQueue();
  const throttle = new SenderThrottle(deps.config.throttle);

  const loggerFor = (context: TurnContext): Logger => (context.turnState.get(TURN_LOGGER) as Logger | undefined) ?? deps.logger;

  const access = (context: TurnContext): Promise<Access> => resolveAccess(context, { store: deps.store, config: deps.config, memberLookup });

  const refusalText = (refused: Extract<Access, { kind: 'refused' }>): string => {
    const t = translator(refused.language);
    const values: Record<string, string> = { ...refused.values };
    if (refused.adminNames) values.admins = t.list(refused.adminNames);
    return t.t(refused.messageKey, values);
  };

  const memberTurn = (context: TurnContext, state: BotTurnState, who: Extract<Access, { kind: 'member' }>): MemberTurn => ({
    context,
    state,
    organization: who.organization,
    user: who.user,
    t: translator(who.language, { domain: emailDomainOf(who.user.email) }),
    logger: loggerFor(context),
    flows: new UserFlows(state.conversation, who.user.id),
    personal: (context.activity.conversation?.conversationType ?? 'personal') === 'personal',
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
    if (who.joined) await greetJoinedUser(turn);
    else await welcomeConversation(turn);
    await settleOnboarding(turn);
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
    turn.logger.info({ verb: String(verb).slice(0, 64), tenantId: who.organization.tenantId, userId: who.user.id }, 'card action');
    const card = await runCardAction(turn, verb, data);
    await settleOnboarding(turn);
    return asAdaptiveCard(card);
  });

  app.activity(ActivityTypes.Message, async (context, state) => {
    const who = await access(context);
    if (who.kind === 'refused') {
      await context.sendActivity(refusalText(who));
      return;
    }
    const turn = memberTurn(context, state, who);
    await handleMessage(turn, who.joined === true);
    await settleOnboarding(turn);
  });

  /** `joined`: the sender is an invited user whose identity this very message linked. */
  const handleMessage = async (turn: MemberTurn, joined: boolean): Promise<void> => {
    const { context } = turn;
    const value: unknown = context.activity.value;
    // Action.Submit from a form (clients without Action.Execute): same handler, card posted as a reply.
    const submitted = verbFromSubmit(value);
    if (submitted) {
      turn.logger.info({ verb: submitted.verb, tenantId: turn.organization.tenantId, userId: turn.user.id }, 'card submit');
      await sendCard(turn, await runCardAction(turn, submitted.verb, submitted.data));
      return;
    }
    const text = context.activity.text;
    if (typeof text === 'string' && text.length > MESSAGE_MAX_CHARACTERS) {
      turn.logger.warn({ length: text.length, tenantId: turn.organization.tenantId, userId: turn.user.id }, 'message too long');
      await context.sendActivity(turn.t.t('limits.messageTooLong', { max: MESSAGE_MAX_CHARACTERS }));
      return;
    }
    const request: Request = commandFromSubmit(value) ?? recognize(text, { users: turn.organization.read().users });
    turn.logger.info({ intent: request.intent, tenantId: turn.organization.tenantId, userId: turn.user.id }, 'message');
    if (joined) {
      // Their first message: the greeting answers "hi"; a real request is answered after it.
      await greetJoinedUser(turn);
      if (request.intent === 'none' || request.intent === 'help') return;
    }
    // A name typed while the user picker is open is a search, not a new request.
    if (request.intent === 'none' && text && (await searchFromText(turn, text))) return;
    await route(turn, request);
  };

  app.error(async (context, error) => {
    loggerFor(context).error({ err: { name: error.name, message: error.message, stack: error.stack } }, 'turn failed');
    const t: Translator = translator(languageFromLocale(context.activity.locale));
    const text = error instanceof StoreWriteError ? t.t('errors.saveFailed') : t.t('errors.generic');
    // Invokes need an answer of their own; for everything else a message tells the admin.
    if (context.activity.type !== ActivityTypes.Invoke) await context.sendActivity(text);
  });

  return {
    run: async (context) => {
      // Before the conversation queue: a flood must not hold up the sender's own queue either.
      const verdict = throttle.take(senderOf(context));
      if (verdict !== 'admit') {
        loggerFor(context).warn({ verdict }, 'turn throttled');
        return answerThrottled(context, verdict === 'refuse_and_tell');
      }
      return queue.run(context.activity.conversation?.id, async () => {
        await app.run(context);
        await answerUnhandledInvoke(context);
      });
    },
  };
}
