import { expireRequests, requestsDue } from './accounts/accessRequests.js';
import { markReminded, monthlyReviewDue, remindersDue, startMonthlyReview } from './accounts/accessReviews.js';
import { roleExpiryWork } from './accounts/roleExpiryRunner.js';
import { scheduled, startSchedule, type ScheduleOptions, type ScheduleRunner } from './accounts/scheduleRunner.js';
import { tellRequester } from './conversation/accessRequestCards.js';
import { sendReview } from './conversation/accessReviewCards.js';
import type { AppConfig } from './config.js';
import type { Notifier } from './conversation/notifier.js';
import { announceRolesEnded } from './conversation/roleEndAlerts.js';
import type { Logger } from './logger.js';
import type { AccountStore } from './store/accountStore.js';
import type { StateStorage } from './store/fileStateStorage.js';
import type { BotAdapter } from './teams/adapter.js';
import { ProactiveConversations } from './teams/proactive.js';
import { howTo } from '../dialogs/howTo.js';
import { accessReview } from '../dialogs/accessReview.js';
import { addUsersFromFile } from '../dialogs/addUsersFromFile.js';
import { privilegedAccess } from '../dialogs/privilegedAccess.js';
import { timeBoundAccess } from '../dialogs/timeBoundAccess.js';
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
  privilegedAccess,
  timeBoundAccess,
  accessReview,
  addUsersFromFile,
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
 * What the bot does on its own, on time (src/accounts/scheduleRunner.ts), and whom it tells in
 * their personal chats: a time-bound role's end (the person, the admin who gave it, or the Global
 * admins when it was kept); a request left 24 hours (the requester); a review unanswered for 7 days
 * (the reviewer, once); the monthly review (every Global admin).
 */
export function startScheduledWork(
  store: AccountStore,
  notifier: Notifier,
  logger: Logger,
  options: Pick<ScheduleOptions, 'clock' | 'intervalMs'> = {},
): ScheduleRunner {
  const documentOf = async (tenantId: string) => (await store.current(tenantId))?.read();
  const unreached = (tenantId: string, unreachable: string[]) => {
    if (unreachable.length > 0) logger.info({ tenantId, unreachable }, 'some people could not be told');
  };
  return startSchedule(
    store,
    [
      roleExpiryWork(async (tenantId, ended) => {
        logger.info(
          { tenantId, ended: ended.map(({ userId, roleId, kept }) => ({ userId, roleId, kept })) },
          'roles ended',
        );
        const document = await documentOf(tenantId);
        if (!document) return;
        const deliveries = await announceRolesEnded(notifier, document, ended);
        unreached(
          tenantId,
          deliveries.filter((each) => each.delivery === 'unreachable').map((each) => each.userId),
        );
      }),
      scheduled({
        name: 'request_expiries',
        due: requestsDue,
        change: expireRequests,
        onDone: async (tenantId, expired) => {
          const document = await documentOf(tenantId);
          if (!document) return;
          for (const request of expired) await tellRequester(notifier, document, request);
        },
      }),
      scheduled({
        name: 'review_reminders',
        due: remindersDue,
        change: markReminded,
        onDone: async (tenantId, reminded) => {
          const document = await documentOf(tenantId);
          if (!document) return;
          for (const { reviewId, userId } of reminded) {
            const review = document.accessReviews.find((each) => each.id === reviewId);
            if (review)
              unreached(
                tenantId,
                (await sendReview(notifier, document, review, { only: [userId], reminder: true })).unreachable,
              );
          }
        },
      }),
      scheduled({
        name: 'monthly_reviews',
        due: monthlyReviewDue,
        change: startMonthlyReview,
        onDone: async (tenantId, review) => {
          const document = await documentOf(tenantId);
          if (document) unreached(tenantId, (await sendReview(notifier, document, review)).unreachable);
        },
      }),
    ],
    {
      ...options,
      onError: (error, work) =>
        logger.error({ work, err: { message: (error as Error).message } }, 'scheduled work could not be done'),
    },
  );
}
