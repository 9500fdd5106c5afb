import type { ChangeOutcome } from '../store/accountStore.js';
import type { OrganizationFile, UserRecord } from '../store/schema.js';
import { StaleChangeError, InvalidChangeError } from './changeRefused.js';
import { normalizeEmail, notificationEmailProblem, type EmailProblem } from './emails.js';
import { actorRef, authorize, userIn, withUser } from './organizationView.js';

/** Where Partner Center sends a user's notifications: their notification address, else their work email. */
export function notificationAddressOf(user: UserRecord): string | undefined {
  return user.notificationEmail ?? user.email;
}

export class NotificationEmailInvalidError extends InvalidChangeError {
  constructor(readonly problem: EmailProblem | 'unchanged') {
    super(`Notification email refused: ${problem}`);
    this.name = 'NotificationEmailInvalidError';
  }
}

export function notificationEmailChangeProblem(
  target: UserRecord,
  value: string,
): EmailProblem | 'unchanged' | undefined {
  const problem = notificationEmailProblem(value);
  if (problem) return problem;
  return normalizeEmail(value) === notificationAddressOf(target) ? 'unchanged' : undefined;
}

export function updateNotificationEmail(
  current: OrganizationFile,
  actorId: string,
  targetId: string,
  value: string,
  expectedRevision: number,
  now: string,
): ChangeOutcome<UserRecord> {
  const target = userIn(current, targetId);
  if (target.revision !== expectedRevision) throw new StaleChangeError(targetId);
  const actor = authorize(current, actorId, () => ({ type: 'update_notification_email', target }));
  const problem = notificationEmailChangeProblem(target, value);
  if (problem) throw new NotificationEmailInvalidError(problem);
  const by = actorRef(actor);
  const updated: UserRecord = {
    ...target,
    notificationEmail: normalizeEmail(value),
    revision: target.revision + 1,
    updatedAt: now,
    updatedBy: by,
  };
  return {
    next: withUser(current, updated),
    result: updated,
    audit: [
      {
        actor: by,
        action: 'user.notification_email_changed',
        target: { type: 'user', id: target.id },
        outcome: 'applied',
        before: { notificationEmail: notificationAddressOf(target) ?? null },
        after: { notificationEmail: updated.notificationEmail },
      },
    ],
  };
}
