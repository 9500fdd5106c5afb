import { requestChange, RequestPendingError, type RequestedChange } from '../accounts/accessRequests.js';
import type { AccessRequest } from '../store/schema.js';
import { sendForApproval, requestFacts } from './accessRequestCards.js';
import { attemptChange, finishWith, notSavedCard } from './changes.js';
import { noticeCard } from './notice.js';
import { refusalCard, type AttemptedChange } from './refusals.js';
import { escapeMarkdown } from './text.js';
import type { CardJson, MemberTurn } from './turn.js';

/**
 * "Ask for approval" (issue 21), wherever a change waits for a second Global admin (the role
 * editor, the add-user form, an extension, the rules): the request is recorded with its reason,
 * nothing else changes, the approvers get the approval card in their personal chats, and the
 * requester's form closes on what was asked and whom the bot told.
 */
export async function askForApproval(
  turn: MemberTurn,
  flowId: string,
  change: RequestedChange,
  reason: string,
  attempted: AttemptedChange,
  refusedTitle: string,
): Promise<CardJson> {
  const { t } = turn;
  const outcome = await attemptChange(
    turn,
    attempted,
    (current, now) => requestChange(current, turn.user.id, change, reason, now),
    { invalid: RequestPendingError },
  );
  const document = turn.organization.read();
  switch (outcome.kind) {
    case 'saved': {
      const request: AccessRequest = outcome.result;
      const sent = await sendForApproval(turn.notifier, document, request);
      return finishWith(
        turn,
        flowId,
        noticeCard({
          title: t.t('accessRequest.sent.title'),
          tone: 'default',
          facts: [
            ...requestFacts(t, document, request, turn.timeZone),
            ...(sent.told.length > 0
              ? [{ title: t.t('accessRequest.sent.told'), value: escapeMarkdown(t.list(sent.told)) }]
              : []),
            ...(sent.unreachable.length > 0
              ? [{ title: t.t('accessRequest.sent.unreachable'), value: escapeMarkdown(t.list(sent.unreachable)) }]
              : []),
          ],
          paragraphs: [t.t(sent.told.length > 0 ? 'accessRequest.sent.body' : 'accessRequest.sent.nobodyReached')],
        }),
      );
    }
    case 'invalid':
      return finishWith(
        turn,
        flowId,
        noticeCard({
          title: t.t('accessRequest.alreadyWaiting'),
          tone: 'attention',
          facts: requestFacts(t, document, outcome.error.request, turn.timeZone),
        }),
      );
    case 'refused':
      return finishWith(turn, flowId, refusalCard(turn, refusedTitle, outcome.decision, outcome.action));
    case 'gone':
    case 'stale':
      return finishWith(turn, flowId, noticeCard({ title: t.t('flow.userGone'), tone: 'attention' }));
    case 'not_saved':
      return notSavedCard(turn);
  }
}
