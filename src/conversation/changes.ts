import type { PolicyAction } from '../domain/policy.js';
import {
  ChangeRefusedError,
  InvalidChangeError,
  StaleChangeError,
  UnknownUserError,
} from '../accounts/changeRefused.js';
import { StoreWriteError, type ChangeOutcome as StoreChange } from '../store/accountStore.js';
import type { OrganizationFile } from '../store/schema.js';
import { noticeCard } from './notice.js';
import { recordRefusedAttempt, refusalCard, type AttemptedChange, type Denial } from './refusals.js';
import type { CardJson, MemberTurn } from './turn.js';

/**
 * What became of one change an admin asked for. Every conversation gets its changes back in this
 * one shape, and answers each kind explicitly:
 * - saved: done, audited;
 * - invalid: what was typed is not valid against the data as it is now (the problems by field,
 *   in the change function's own error), nothing done;
 * - refused: the policy, asked again at this moment, said no; the attempt is already audited;
 * - stale: the card is older than the record it would change (someone else changed it);
 * - gone: the user it was about is not (or no longer) in the organization;
 * - not_saved: the disk refused the write; nothing changed, in memory or on disk.
 */
export type ChangeOutcome<T, E extends InvalidChangeError = never> =
  | { kind: 'saved'; result: T }
  // A change that names no error class of its own cannot come back invalid.
  | ([E] extends [never] ? never : { kind: 'invalid'; error: E })
  | { kind: 'refused'; decision: Denial; action?: PolicyAction }
  | { kind: 'stale' }
  | { kind: 'gone' }
  | { kind: 'not_saved' };

type ErrorClass<E> = abstract new (...args: never[]) => E;

/**
 * Runs one account change for the acting admin inside the store: the change function asks the
 * policy again against the latest data, and the store writes it with its audit entry. `invalid`
 * names the error class the change function throws for input problems; any other error is a bug
 * and is thrown on.
 */
export async function attemptChange<T, E extends InvalidChangeError = never>(
  turn: MemberTurn,
  attempted: AttemptedChange,
  apply: (current: OrganizationFile, now: string) => StoreChange<T>,
  options: { invalid?: ErrorClass<E> } = {},
): Promise<ChangeOutcome<T, E>> {
  try {
    const result = await turn.organization.change((current, { now }) => apply(current, now));
    return { kind: 'saved', result };
  } catch (error) {
    if (error instanceof ChangeRefusedError) {
      await recordRefusedAttempt(turn, attempted, error.decision.reason);
      return { kind: 'refused', decision: error.decision, ...(error.action ? { action: error.action } : {}) };
    }
    if (options.invalid && error instanceof options.invalid) return { kind: 'invalid', error } as ChangeOutcome<T, E>;
    if (error instanceof StaleChangeError) return { kind: 'stale' };
    if (error instanceof UnknownUserError) return { kind: 'gone' };
    if (error instanceof StoreWriteError) {
      turn.logger.error({ err: { message: error.message } }, 'change could not be saved');
      return { kind: 'not_saved' };
    }
    throw error;
  }
}

/**
 * "I couldn't save that, so nothing was changed." The form stays open: the admin can try again
 * once the disk is fixed.
 */
export function notSavedCard(turn: MemberTurn): CardJson {
  return noticeCard({
    title: turn.t.t('errors.saveFailedTitle'),
    paragraphs: [turn.t.t('errors.saveFailed')],
    tone: 'attention',
  });
}

/** "That user is no longer here." */
export function userGoneCard(turn: MemberTurn): CardJson {
  return noticeCard({ title: turn.t.t('flow.userGone'), tone: 'attention' });
}

/** Closes the flow with its final card, which a second click on the form shows again. */
export function finishWith(turn: MemberTurn, flowId: string, card: CardJson): CardJson {
  turn.flows.finish(flowId, card);
  return card;
}

/**
 * The answer to the outcomes most forms answer alike: a refusal closes the form with the policy's
 * reason under `refusedTitle`; a user who is gone closes it too; a failed write keeps it open.
 */
export function usualOutcomeCard(
  turn: MemberTurn,
  flowId: string,
  outcome: Extract<ChangeOutcome<unknown>, { kind: 'refused' | 'gone' | 'not_saved' }>,
  refusedTitle: string,
): CardJson {
  switch (outcome.kind) {
    case 'refused':
      return finishWith(turn, flowId, refusalCard(turn, refusedTitle, outcome.decision, outcome.action));
    case 'gone':
      return finishWith(turn, flowId, userGoneCard(turn));
    case 'not_saved':
      return notSavedCard(turn);
  }
}
