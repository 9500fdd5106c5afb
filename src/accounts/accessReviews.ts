import { InvalidChangeError } from './changeRefused.js';
import { randomUUID } from 'node:crypto';
import { activeGlobalAdmins } from '../domain/policy.js';
import { MONTHLY_REVIEW_EVERY_MS, REVIEW_REMINDER_AFTER_MS } from '../domain/privilegedAccess.js';
import type { RoleId } from '../domain/roles.js';
import type { AuditDraft, ChangeOutcome } from '../store/accountStore.js';
import type { AccessReview, ActorRef, OrganizationFile } from '../store/schema.js';
import { privilegedRoles } from './addUser.js';
import { ChangeRefusedError } from './changeRefused.js';
import { changeRoles } from './changeRoles.js';
import { NothingDueError, SYSTEM } from './expireRoles.js';
import { actorRef, authorize } from './organizationView.js';
import { rulesOf } from './privilegedAccessRules.js';

/**
 * Access reviews (issue 21): every active Global admin is asked, once, to keep or remove each
 * person holding a privileged role. "Remove" takes the privileged roles away (the person stays a
 * user, with their other roles or the Default user role: choice), through the usual policy, each
 * removal audited; one the policy refuses (the last Global admin) is kept and the refusal audited.
 * A reviewer who has not answered after 7 days is reminded once. With the monthly rule on, a review
 * starts 30 days after the last one (or after the rule was turned on).
 */
export class ReviewClosedError extends InvalidChangeError {
  constructor(readonly why: 'unknown' | 'answered' | 'not_a_reviewer') {
    super(`The review cannot be answered: ${why}`);
    this.name = 'ReviewClosedError';
  }
}

const reviewTarget = (review: AccessReview) => ({ type: 'access_review', id: review.id }) as const;

/** The review this person has still to answer, if any (the most recent). */
export function openReviewFor(document: OrganizationFile, userId: string): AccessReview | undefined {
  return [...document.accessReviews]
    .reverse()
    .find((review) => review.reviewers.some((reviewer) => reviewer.userId === userId && !reviewer.answeredAt));
}

/** Who holds a privileged role now (invited users too: they would have it at first sign-in). */
export function privilegedHolders(document: OrganizationFile): { userId: string; roles: RoleId[] }[] {
  return document.users
    .filter((user) => user.status !== 'removed')
    .map((user) => ({ userId: user.id, roles: privilegedRoles(user.roles) }))
    .filter((subject) => subject.roles.length > 0);
}

/** Starts a review, by a Global admin ("review access") or by the bot (the monthly rule). */
export function startReview(
  current: OrganizationFile,
  actorId: string | undefined,
  now: string,
): ChangeOutcome<AccessReview> {
  const by: ActorRef = actorId ? actorRef(authorize(current, actorId, () => ({ type: 'review_access' }))) : SYSTEM;
  const review: AccessReview = {
    id: `review-${randomUUID()}`,
    startedAt: now,
    startedBy: by,
    subjects: privilegedHolders(current),
    reviewers: activeGlobalAdmins(current).map((admin) => ({ userId: admin.id })),
  };
  return {
    next: { ...current, accessReviews: [...current.accessReviews, review] },
    result: review,
    audit: [
      {
        actor: by,
        action: 'access_review.started',
        target: reviewTarget(review),
        outcome: 'applied',
        after: { subjects: review.subjects, reviewers: review.reviewers.map((reviewer) => reviewer.userId) },
      },
    ],
  };
}

export interface ReviewAnswer {
  removed: { userId: string; roles: RoleId[] }[];
  /** Removals the policy refused at the moment of the change, with why. */
  refused: { userId: string; reason: string }[];
}

/** A reviewer's Save: each "remove" takes the person's privileged roles away, if the policy allows. */
export function answerReview(
  current: OrganizationFile,
  actorId: string,
  reviewId: string,
  removals: readonly string[],
  now: string,
): ChangeOutcome<ReviewAnswer> {
  const review = current.accessReviews.find((each) => each.id === reviewId);
  if (!review) throw new ReviewClosedError('unknown');
  const reviewer = review.reviewers.find((each) => each.userId === actorId);
  if (!reviewer) throw new ReviewClosedError('not_a_reviewer');
  if (reviewer.answeredAt) throw new ReviewClosedError('answered');
  const actor = authorize(current, actorId, () => ({ type: 'review_access' }));
  const by = actorRef(actor);
  let next = current;
  const audit: AuditDraft[] = [];
  const answer: ReviewAnswer = { removed: [], refused: [] };
  // Only people the review listed: anything else in the card's data is ignored.
  const listed = new Set(review.subjects.map((subject) => subject.userId));
  for (const userId of new Set(removals)) {
    if (!listed.has(userId)) continue;
    const user = next.users.find((each) => each.id === userId);
    const roles = user ? privilegedRoles(user.roles) : [];
    if (!user || user.status === 'removed' || roles.length === 0) continue;
    const left = user.roles.filter((roleId) => !roles.includes(roleId));
    try {
      const outcome = changeRoles(next, actorId, userId, left.length > 0 ? left : ['default_user'], user.revision, now);
      next = outcome.next;
      audit.push(...outcome.audit.map((entry) => ({ ...entry, after: { ...(entry.after as object), reviewId } })));
      answer.removed.push({ userId, roles });
    } catch (error) {
      if (!(error instanceof ChangeRefusedError)) throw error;
      answer.refused.push({ userId, reason: error.decision.reason });
      audit.push({
        actor: by,
        action: 'user.roles_changed',
        target: { type: 'user', id: userId },
        outcome: 'refused',
        reason: error.decision.reason,
        after: { removed: roles, reviewId },
      });
    }
  }
  const answered: AccessReview = {
    ...review,
    reviewers: review.reviewers.map((each) =>
      each.userId === actorId
        ? { ...each, answeredAt: now, removed: answer.removed.map((removed) => removed.userId) }
        : each,
    ),
  };
  audit.unshift({
    actor: by,
    action: 'access_review.answered',
    target: reviewTarget(review),
    outcome: 'applied',
    after: {
      kept: review.subjects.map((subject) => subject.userId).filter((userId) => !removals.includes(userId)),
      removed: answer.removed.map((removed) => removed.userId),
      refused: answer.refused,
    },
  });
  return {
    next: { ...next, accessReviews: next.accessReviews.map((each) => (each.id === review.id ? answered : each)) },
    result: answer,
    audit,
  };
}

/** Reviewers who have not answered for 7 days and were not reminded yet. */
function remindersDueIn(document: OrganizationFile, now: string): { review: AccessReview; userId: string }[] {
  const cutoff = Date.parse(now) - REVIEW_REMINDER_AFTER_MS;
  return document.accessReviews.flatMap((review) =>
    Date.parse(review.startedAt) > cutoff
      ? []
      : review.reviewers
          .filter((reviewer) => !reviewer.answeredAt && !reviewer.remindedAt)
          .filter((reviewer) => document.users.some((user) => user.id === reviewer.userId && user.status === 'active'))
          .map((reviewer) => ({ review, userId: reviewer.userId })),
  );
}

export function remindersDue(document: OrganizationFile, now: string): boolean {
  return remindersDueIn(document, now).length > 0;
}

/** Marks the reminders as sent, once each (the caller sends them once the change is written). */
export function markReminded(
  current: OrganizationFile,
  now: string,
): ChangeOutcome<{ reviewId: string; userId: string }[]> {
  const due = remindersDueIn(current, now);
  if (due.length === 0) throw new NothingDueError();
  const isDue = (reviewId: string, userId: string) =>
    due.some((each) => each.review.id === reviewId && each.userId === userId);
  return {
    next: {
      ...current,
      accessReviews: current.accessReviews.map((review) => ({
        ...review,
        reviewers: review.reviewers.map((reviewer) =>
          isDue(review.id, reviewer.userId) ? { ...reviewer, remindedAt: now } : reviewer,
        ),
      })),
    },
    result: due.map(({ review, userId }) => ({ reviewId: review.id, userId })),
    audit: due.map(({ review, userId }) => ({
      actor: SYSTEM,
      action: 'access_review.reminded',
      target: reviewTarget(review),
      outcome: 'applied',
      after: { reviewer: userId },
    })),
  };
}

/** With the monthly rule on: 30 days after the last review, or after the rule was turned on. */
export function monthlyReviewDue(document: OrganizationFile, now: string): boolean {
  const rules = document.organization.privilegedAccess;
  if (!rulesOf(document).monthlyReview || !rules) return false;
  const last = document.accessReviews.reduce(
    (latest, review) => (review.startedAt > latest ? review.startedAt : latest),
    rules.updatedAt,
  );
  return Date.parse(now) - Date.parse(last) >= MONTHLY_REVIEW_EVERY_MS;
}

/** The monthly review, started by the bot; nothing when another instance started it first. */
export function startMonthlyReview(current: OrganizationFile, now: string): ChangeOutcome<AccessReview> {
  if (!monthlyReviewDue(current, now)) throw new NothingDueError();
  return startReview(current, undefined, now);
}
