import type { ChangeOutcome } from '../store/accountStore.js';
import type { Language, OrganizationFile, UserRecord } from '../store/schema.js';
import { actorRef, userIn, withUser } from './organizationView.js';

/** "Speak French": the user's own choice, kept with their record so it follows them to every chat. */
export function setPreferredLanguage(
  current: OrganizationFile,
  userId: string,
  language: Language,
  now: string,
): ChangeOutcome<UserRecord> {
  const user = userIn(current, userId);
  const by = actorRef(user);
  const updated: UserRecord = {
    ...user,
    preferredLanguage: language,
    revision: user.revision + 1,
    updatedAt: now,
    updatedBy: by,
  };
  return {
    next: withUser(current, updated),
    result: updated,
    audit: [
      {
        actor: by,
        action: 'user.language_changed',
        target: { type: 'user', id: user.id },
        outcome: 'applied',
        before: { preferredLanguage: user.preferredLanguage ?? null },
        after: { preferredLanguage: language },
      },
    ],
  };
}
