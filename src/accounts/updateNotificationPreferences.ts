import type { ChangeOutcome } from '../store/accountStore.js';
import type { OrganizationFile, UserRecord } from '../store/schema.js';
import { StaleChangeError } from './changeRefused.js';
import { actorRef, authorize, userIn, withUser } from './organizationView.js';
import { ProfileInputError } from './organizationProfile.js';
import { checkName } from './profileFields.js';

/**
 * "My preferences" in Partner Center's notification center (shared/domain/partner-center.md §3),
 * besides the notification address: job title, the language of Microsoft's emails, and the email
 * categories. Mandatory and recommended action emails cannot be turned off; promotional and
 * transactional ones can. Each user sets their own, nobody else's.
 */
export type NotificationPreferences = NonNullable<UserRecord['notificationPreferences']>;

/** Languages Partner Center writes its emails in that we offer (BCP 47 tags; names from the runtime's CLDR data). */
export const EMAIL_LANGUAGES = [
  'en-US',
  'fr-FR',
  'fr-CA',
  'de-DE',
  'es-ES',
  'it-IT',
  'nl-NL',
  'pt-BR',
  'ja-JP',
  'zh-CN',
] as const;

/** What a user who never chose gets: every category on, no job title, emails in their chat language. */
export function preferencesOf(user: UserRecord): NotificationPreferences {
  return user.notificationPreferences ?? { promotional: true, transactional: true };
}

export interface PreferencesInput {
  jobTitle: string;
  emailLanguage: string;
  promotional: boolean;
  transactional: boolean;
}

export function checkPreferences(input: PreferencesInput): {
  problems: Record<string, string>;
  value?: NotificationPreferences;
} {
  const problems: Record<string, string> = {};
  const title = input.jobTitle.trim();
  const jobTitle = title ? checkName(title) : undefined;
  if (jobTitle && !jobTitle.ok) problems.jobTitle = jobTitle.problem;
  const language = input.emailLanguage.trim();
  if (language && !(EMAIL_LANGUAGES as readonly string[]).includes(language)) problems.emailLanguage = 'invalid';
  if (Object.keys(problems).length > 0) return { problems };
  return {
    problems,
    value: {
      ...(jobTitle?.ok ? { jobTitle: jobTitle.value } : {}),
      ...(language ? { emailLanguage: language } : {}),
      promotional: input.promotional,
      transactional: input.transactional,
    },
  };
}

export function updateNotificationPreferences(
  current: OrganizationFile,
  actorId: string,
  input: PreferencesInput,
  expectedRevision: number,
  now: string,
): ChangeOutcome<UserRecord> {
  const target = userIn(current, actorId);
  // One's own preferences only: the target is always the actor.
  const actor = authorize(current, actorId, () => ({ type: 'update_notification_email', target }));
  if (target.revision !== expectedRevision) throw new StaleChangeError(actorId);
  const { problems, value } = checkPreferences(input);
  if (!value) throw new ProfileInputError(problems as never);
  const by = actorRef(actor);
  const updated: UserRecord = {
    ...target,
    notificationPreferences: value,
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
        action: 'user.notification_preferences_changed',
        target: { type: 'user', id: target.id },
        outcome: 'applied',
        before: { notificationPreferences: target.notificationPreferences ?? null },
        after: { notificationPreferences: value },
      },
    ],
  };
}
