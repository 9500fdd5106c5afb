import type { Translator } from '../i18n/index.js';
import type { AccessReview, OrganizationFile } from '../store/schema.js';
import { executeAction } from './cardActions.js';
import { expandCard } from './cards.js';
import { formatMoment } from './moments.js';
import type { Notifier } from './notifier.js';
import type { AttemptedChange } from './refusals.js';
import { escapeMarkdown } from './text.js';
import type { CardJson } from './turn.js';

/**
 * The access review card (issue 21): each person holding a privileged role, Keep or Remove, one
 * Save (answered by dialogs/accessReview.ts). Sent to every reviewer's personal chat when a review
 * starts, and once more as a reminder after 7 days unanswered.
 */
export const ACCESS_REVIEW_VERBS = { save: 'access_review.save' } as const;

/** A reviewer's answer, as the audit log names it when it is refused. */
export const reviewAttempt = (reviewId: string): AttemptedChange => ({
  action: 'access_review.answered',
  target: { type: 'access_review', id: reviewId },
});

/** The input of one person on the card: `review.<userId>` = keep | remove. */
export const reviewInputId = (userId: string) => `review.${userId}`;

export function accessReviewCard(
  t: Translator,
  document: OrganizationFile,
  review: AccessReview,
  options: { reminder?: boolean; notice?: string; timeZone?: string } = {},
): CardJson {
  const people = review.subjects.flatMap((subject) => {
    const user = document.users.find((each) => each.id === subject.userId);
    if (!user || user.status === 'removed') return [];
    const temporary = new Map((user.temporaryRoles ?? []).map((each) => [each.roleId, each.until]));
    const roles = subject.roles
      .filter((roleId) => user.roles.includes(roleId))
      .map((roleId) => {
        const name = t.t(`role.${roleId}.name`);
        const until = temporary.get(roleId);
        return until
          ? t.t('accessReview.until', { role: name, until: formatMoment(t, until, options.timeZone) })
          : name;
      });
    if (roles.length === 0) return [];
    // One choice per person, its label naming them and what they hold (what a screen reader reads too).
    const name =
      escapeMarkdown(user.displayName) + (user.status === 'invited' ? ` (${t.t('userStatus.invited')})` : '');
    return [
      {
        inputId: reviewInputId(user.id),
        choiceLabel: t.t('accessReview.choiceLabel', { name, roles: t.list(roles) }),
        keepLabel: t.t('accessReview.keep'),
        removeLabel: t.t('accessReview.remove'),
      },
    ];
  });
  return expandCard('access-review', {
    title: t.t(options.reminder ? 'accessReview.reminderTitle' : 'accessReview.title'),
    intro: t.t(people.length > 0 ? 'accessReview.intro' : 'accessReview.nobody', {
      by: escapeMarkdown(review.startedBy.displayName),
      at: formatMoment(t, review.startedAt, options.timeZone),
    }),
    notice: options.notice ?? '',
    people,
    note: t.t('accessReview.note'),
    actions: [
      executeAction(t.t('accessReview.save'), ACCESS_REVIEW_VERBS.save, { reviewId: review.id }, { style: 'positive' }),
    ],
  });
}

/** Sends the review to each reviewer who has not answered it (all of them when it starts). */
export async function sendReview(
  notifier: Notifier,
  document: OrganizationFile,
  review: AccessReview,
  options: { only?: readonly string[]; reminder?: boolean; except?: string } = {},
): Promise<{ told: string[]; unreachable: string[] }> {
  const sent = { told: [] as string[], unreachable: [] as string[] };
  for (const reviewer of review.reviewers) {
    if (reviewer.answeredAt || reviewer.userId === options.except) continue;
    if (options.only && !options.only.includes(reviewer.userId)) continue;
    const user = document.users.find((each) => each.id === reviewer.userId);
    if (!user) continue;
    const delivery = await notifier.tell(document.organization.tenantId, user.id, (t) =>
      accessReviewCard(t, document, review, { reminder: options.reminder ?? false }),
    );
    (delivery === 'sent' ? sent.told : sent.unreachable).push(user.displayName);
  }
  return sent;
}
