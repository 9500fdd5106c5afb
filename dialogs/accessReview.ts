import { z } from 'zod';
import { answerReview, openReviewFor, ReviewClosedError, startReview } from '../src/accounts/accessReviews.js';
import {
  ACCESS_REVIEW_VERBS,
  accessReviewCard,
  reviewAttempt,
  reviewInputId,
  sendReview,
} from '../src/conversation/accessReviewCards.js';
import { attemptChange, notSavedCard } from '../src/conversation/changes.js';
import type { Conversation } from '../src/conversation/descriptor.js';
import { malformedCard } from '../src/conversation/forms.js';
import { noticeCard } from '../src/conversation/notice.js';
import { announcePrivilegedChange } from '../src/conversation/privilegedAlerts.js';
import { allowedOrExplained, onOrganization, refusalCard } from '../src/conversation/refusals.js';
import { escapeMarkdown } from '../src/conversation/text.js';
import type { CardJson, MemberTurn } from '../src/conversation/turn.js';

/**
 * "Review access" (issue 21): every active Global admin gets a card listing who holds a privileged
 * role (Global admin, User management admin, Admin agent, Compliance admin), with Keep / Remove per
 * person and one Save. Removals take the privileged roles away through the usual policy and audit
 * (the last Global admin stays), and the other Global admins hear of them. A reviewer answers
 * once; one who has not after 7 days is reminded once (src/app.ts schedules it). The history
 * shows who reviewed what, and when.
 */
const attemptedStart = (turn: MemberTurn) => onOrganization(turn, 'access_review.started');

async function start(turn: MemberTurn): Promise<void> {
  const { t } = turn;
  if (!(await allowedOrExplained(turn, { type: 'review_access' }, attemptedStart(turn)))) return;
  // A review this admin has still to answer is shown again rather than a second one started.
  const open = openReviewFor(turn.organization.read(), turn.user.id);
  if (open) {
    await turn.sendCard(
      accessReviewCard(t, turn.organization.read(), open, {
        notice: t.t('accessReview.stillOpen'),
        timeZone: turn.timeZone,
      }),
    );
    return;
  }
  const outcome = await attemptChange(turn, attemptedStart(turn), (current, now) =>
    startReview(current, turn.user.id, now),
  );
  switch (outcome.kind) {
    case 'saved': {
      const review = outcome.result;
      const document = turn.organization.read();
      await turn.sendCard(accessReviewCard(t, document, review, { timeZone: turn.timeZone }));
      const sent = await sendReview(turn.notifier, document, review, { except: turn.user.id });
      if (sent.told.length > 0)
        await turn.say(t.t('accessReview.othersTold', { names: escapeMarkdown(t.list(sent.told)) }));
      if (sent.unreachable.length > 0)
        await turn.say(t.t('accessReview.othersUnreachable', { names: escapeMarkdown(t.list(sent.unreachable)) }));
      return;
    }
    case 'refused':
      await turn.sendCard(refusalCard(turn, t.t('accessReview.refusedTitle'), outcome.decision, outcome.action));
      return;
    case 'not_saved':
      await turn.sendCard(notSavedCard(turn));
      return;
    case 'stale':
    case 'gone':
      await turn.say(t.t('errors.generic'));
  }
}

const SaveData = z.object({ reviewId: z.string().min(1).max(100) }).passthrough();

/** The reviewer's Save: who the card says to remove (`review.<userId>` = remove). */
async function save(turn: MemberTurn, data: Record<string, unknown>): Promise<CardJson> {
  const { t } = turn;
  const parsed = SaveData.safeParse(data);
  if (!parsed.success) return malformedCard(turn);
  const { reviewId } = parsed.data;
  const review = turn.organization.read().accessReviews.find((each) => each.id === reviewId);
  const removals = (review?.subjects ?? [])
    .map((subject) => subject.userId)
    .filter((userId) => data[reviewInputId(userId)] === 'remove');
  const outcome = await attemptChange(
    turn,
    reviewAttempt(reviewId),
    (current, now) => answerReview(current, turn.user.id, reviewId, removals, now),
    { invalid: ReviewClosedError },
  );
  const document = turn.organization.read();
  const nameOf = (userId: string) =>
    escapeMarkdown(document.users.find((user) => user.id === userId)?.displayName ?? userId);
  switch (outcome.kind) {
    case 'saved': {
      const { removed, refused } = outcome.result;
      const told = new Set<string>();
      for (const each of removed) {
        const user = document.users.find((candidate) => candidate.id === each.userId);
        if (!user) continue;
        const announced = await announcePrivilegedChange(turn, user, { added: [], removed: each.roles });
        announced?.told.forEach((name) => told.add(name));
      }
      const kept = (review?.subjects ?? []).filter(
        (subject) => !removed.some((each) => each.userId === subject.userId),
      );
      return noticeCard({
        title: t.t('accessReview.saved'),
        tone: 'good',
        facts: [
          {
            title: t.t('accessReview.kept'),
            value: kept.length > 0 ? t.list(kept.map((each) => nameOf(each.userId))) : t.t('common.none'),
          },
          ...(removed.length > 0
            ? [{ title: t.t('accessReview.removedFact'), value: t.list(removed.map((each) => nameOf(each.userId))) }]
            : []),
          ...refused.map((each) => ({
            title: t.t('accessReview.notRemoved', { name: nameOf(each.userId) }),
            value: t.t(`history.reason.${each.reason}`),
          })),
          ...(told.size > 0 ? [{ title: t.t('editRoles.done.told'), value: escapeMarkdown(t.list([...told])) }] : []),
        ],
      });
    }
    case 'invalid':
      return noticeCard({ title: t.t(`accessReview.closed.${outcome.error.why}`), tone: 'default' });
    case 'refused':
      return refusalCard(turn, t.t('accessReview.refusedTitle'), outcome.decision, outcome.action);
    case 'not_saved':
      return notSavedCard(turn);
    case 'stale':
    case 'gone':
      return noticeCard({ title: t.t('errors.generic'), tone: 'attention' });
  }
}

export const accessReview: Conversation = {
  name: 'access-review',
  policy: ['review_access'],
  offeredWhen: { review_access: () => ({ type: 'review_access' }) },
  intents: { review_access: (turn) => start(turn) },
  cardActions: { [ACCESS_REVIEW_VERBS.save]: save },
};
