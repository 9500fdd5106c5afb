import { ActivityTypes, type Storage, type TurnContext } from 'botbuilder';
import { Application, type TeamsAdapter } from '@microsoft/teams-ai';
import type { AppConfig } from '../config.js';
import { decide, type Decision } from '../domain/policy.js';
import { languageFromLocale, translator, type Translator } from '../i18n/index.js';
import type { Logger } from '../logger.js';
import { StoreWriteError, type AccountStore } from '../store/accountStore.js';
import { helpCard, showHelp, showNotUnderstood } from '../../dialogs/help.js';
import { showMyRole } from '../../dialogs/myRole.js';
import { showPrograms } from '../../dialogs/programs.js';
import { resolveAccess, teamsMemberLookup, type Access, type MemberLookup } from './access.js';
import { commandFromSubmit, matchCommand, type Command } from './commands.js';
import { explainDenial } from './denial.js';
import { BoundedSet } from './boundedSet.js';
import type { BotTurnState, MemberTurn, MemberTurnHandler } from './turn.js';

export interface BotDependencies {
  config: AppConfig;
  store: AccountStore;
  /** Conversation state (in-progress flows), persisted across restarts. */
  storage: Storage;
  logger: Logger;
  adapter?: TeamsAdapter;
  memberLookup?: MemberLookup;
}

/** The key under which the HTTP layer hands each turn its request-scoped logger. */
export const TURN_LOGGER = Symbol('turnLogger');

const HANDLERS: Record<Command, MemberTurnHandler> = {
  help: showHelp,
  my_role: withDecision((turn) => decide(turn.user, { type: 'view_user_roles', target: turn.user }, policyOrg(turn)), showMyRole),
  programs: withDecision((turn) => decide(turn.user, { type: 'view_org_section', section: 'programs' }, policyOrg(turn)), showPrograms),
};

function policyOrg(turn: MemberTurn) {
  const document = turn.organization.read();
  const isCspProvider = document.organization.programs.some(
    (program) => (program.programId === 'csp_direct_bill' || program.programId === 'csp_indirect_provider') && program.status === 'active',
  );
  return { users: document.users, isCspProvider };
}

/** Asks the policy first; a refusal is explained in the admin's language and nothing else runs. */
function withDecision(check: (turn: MemberTurn) => Decision, handler: MemberTurnHandler): MemberTurnHandler {
  return async (turn) => {
    const decision = check(turn);
    if (!decision.allowed) {
      await turn.context.sendActivity(explainDenial(turn.t, decision));
      return;
    }
    await handler(turn);
  };
}

export function createBotApplication(deps: BotDependencies): Application<BotTurnState> {
  const memberLookup = deps.memberLookup ?? teamsMemberLookup;
  const app = new Application<BotTurnState>({
    adapter: deps.adapter,
    storage: deps.storage,
    botAppId: deps.config.credentials?.MicrosoftAppId,
    startTypingTimer: false,
    removeRecipientMention: true,
  });

  const loggerFor = (context: TurnContext): Logger => (context.turnState.get(TURN_LOGGER) as Logger | undefined) ?? deps.logger;

  const access = (context: TurnContext): Promise<Access> => resolveAccess(context, { store: deps.store, config: deps.config, memberLookup });

  const refuse = async (context: TurnContext, refused: Extract<Access, { kind: 'refused' }>) => {
    const t = translator(refused.language);
    const values: Record<string, string> = { ...refused.values };
    if (refused.adminNames) values.admins = t.list(refused.adminNames);
    await context.sendActivity(t.t(refused.messageKey, values));
  };

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
      await refuse(context, who);
      return;
    }
    const t = translator(who.language);
    const firstName = who.user.displayName.split(' ')[0] ?? who.user.displayName;
    await context.sendActivity({ attachments: [helpCard(t, { title: t.t('welcome.title', { name: firstName }), intro: t.t('welcome.body') })] });
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

  app.activity(ActivityTypes.Message, async (context, state) => {
    const who = await access(context);
    if (who.kind === 'refused') {
      await refuse(context, who);
      return;
    }
    const turn: MemberTurn = {
      context,
      state,
      organization: who.organization,
      user: who.user,
      t: translator(who.language),
      logger: loggerFor(context),
    };
    const command = matchCommand(context.activity.text) ?? commandFromSubmit(context.activity.value);
    turn.logger.info({ command: command ?? 'none', tenantId: who.organization.tenantId, userId: who.user.id }, 'message');
    await (command ? HANDLERS[command] : showNotUnderstood)(turn);
  });

  app.error(async (context, error) => {
    loggerFor(context).error({ err: { name: error.name, message: error.message, stack: error.stack } }, 'turn failed');
    const t: Translator = translator(languageFromLocale(context.activity.locale));
    const text = error instanceof StoreWriteError ? t.t('errors.saveFailed') : t.t('errors.generic');
    // Invokes need an answer of their own; for everything else a message tells the admin.
    if (context.activity.type !== ActivityTypes.Invoke) await context.sendActivity(text);
  });

  return app;
}
