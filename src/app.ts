import { startRoleExpiries, type RoleExpiryOptions, type RoleExpiryRunner } from './accounts/roleExpiryRunner.js';
import type { AppConfig } from './config.js';
import type { Notifier } from './conversation/notifier.js';
import { announceRolesEnded } from './conversation/roleEndAlerts.js';
import type { Logger } from './logger.js';
import type { AccountStore } from './store/accountStore.js';
import type { StateStorage } from './store/fileStateStorage.js';
import type { BotAdapter } from './teams/adapter.js';
import { ProactiveConversations } from './teams/proactive.js';
import { howTo } from '../dialogs/howTo.js';
import { legalProfile } from '../dialogs/legalProfile.js';
import { notificationPreferences } from '../dialogs/notificationPreferences.js';
import { securityContact } from '../dialogs/securityContact.js';
import { addCustomerConversation } from '../dialogs/addCustomer.js';
import { customerRelationship } from '../dialogs/customerRelationship.js';
import { customers } from '../dialogs/customers.js';
import { customerUsers } from '../dialogs/customerUsers.js';
import { updateCustomerConversation } from '../dialogs/updateCustomer.js';
import { cancelConversation } from './conversation/cancel.js';
import { ConversationCatalog } from './conversation/catalog.js';
import type { Conversation } from './conversation/descriptor.js';
import { userPicker } from './conversation/userPicker.js';
import { createTeamsBot, type Bot, type TeamsBotDependencies } from './teams/application.js';
import { addUser } from '../dialogs/addUser.js';
import { editRoles } from '../dialogs/editRoles.js';
import { help } from '../dialogs/help.js';
import { history } from '../dialogs/history.js';
import { language } from '../dialogs/language.js';
import { lookups } from '../dialogs/lookups.js';
import { myRole } from '../dialogs/myRole.js';
import { notificationEmail } from '../dialogs/notificationEmail.js';
import { onboarding } from '../dialogs/onboarding.js';
import { orgProfile } from '../dialogs/orgProfile.js';
import { partnerId } from '../dialogs/partnerId.js';
import { primaryContact } from '../dialogs/primaryContact.js';
import { programs } from '../dialogs/programs.js';
import { removeUser } from '../dialogs/removeUser.js';
import { supportProfile } from '../dialogs/supportProfile.js';
import { taxExemptions } from '../dialogs/taxExemptions.js';
import { welcome } from '../dialogs/welcome.js';

/**
 * The composition root: the one place that knows every part. It lists the conversations and
 * wires them to the Teams layer with the store and the conversation state; src/index.ts gives it
 * the server, the adapter and the process.
 *
 * Adding a conversation is one line here (see docs/architecture.md). Greetings run in this order:
 * the welcome first, then the onboarding checklist.
 */
export const CONVERSATIONS: readonly Conversation[] = [
  welcome,
  help,
  cancelConversation,
  language,
  userPicker,
  addUser,
  editRoles,
  removeUser,
  notificationEmail,
  myRole,
  lookups,
  programs,
  orgProfile,
  onboarding,
  supportProfile,
  primaryContact,
  partnerId,
  taxExemptions,
  history,
  customers,
  addCustomerConversation,
  customerUsers,
  customerRelationship,
  updateCustomerConversation,
  securityContact,
  legalProfile,
  notificationPreferences,
  howTo,
];

/** What the bot is built from: configuration, the account store, conversation state, logger, adapter. */
export type BotDependencies = Omit<TeamsBotDependencies, 'conversations'>;

export function createBotApplication(deps: BotDependencies): Bot {
  return createTeamsBot({ ...deps, conversations: new ConversationCatalog(CONVERSATIONS) });
}

/** The bot's own conversations with each member, for the messages it starts itself (alerts). */
export function createProactive(deps: {
  adapter: BotAdapter;
  storage: StateStorage;
  config: AppConfig;
  logger: Logger;
  backoffMs?: number;
}): ProactiveConversations {
  return new ProactiveConversations(
    deps.adapter,
    deps.storage,
    deps.config.credentials?.MicrosoftAppId ?? '',
    deps.logger,
    deps.backoffMs,
  );
}

/**
 * Time-bound roles end on time (and at start-up for any that ended while the bot was down); the
 * person, the admin who gave the role, or the Global admins are told in their personal chats.
 */
export function startRoleEnds(
  store: AccountStore,
  notifier: Notifier,
  logger: Logger,
  options: Pick<RoleExpiryOptions, 'clock' | 'intervalMs'> = {},
): RoleExpiryRunner {
  return startRoleExpiries(store, {
    ...options,
    onEnded: async (tenantId, ended) => {
      logger.info(
        { tenantId, ended: ended.map(({ userId, roleId, kept }) => ({ userId, roleId, kept })) },
        'roles ended',
      );
      const tenant = await store.current(tenantId);
      if (!tenant) return;
      const deliveries = await announceRolesEnded(notifier, tenant.read(), ended);
      const unreachable = deliveries.filter((each) => each.delivery === 'unreachable').map((each) => each.userId);
      if (unreachable.length > 0) logger.info({ tenantId, unreachable }, 'some people could not be told');
    },
    onError: (error) =>
      logger.error({ err: { message: (error as Error).message } }, 'time-bound roles could not be ended'),
  });
}
