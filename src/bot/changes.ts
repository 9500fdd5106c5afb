import type { Decision } from '../domain/policy.js';
import { ChangeRefusedError, StaleChangeError, UnknownUserError } from '../accounts/changeRefused.js';
import type { ChangeOutcome } from '../store/accountStore.js';
import type { OrganizationFile } from '../store/schema.js';
import type { MemberTurn } from './turn.js';

export type ChangeAttempt<T> =
  | { ok: true; result: T }
  | { ok: false; kind: 'refused'; decision: Extract<Decision, { allowed: false }> }
  | { ok: false; kind: 'stale' }
  | { ok: false; kind: 'unknown_user' };

/**
 * Runs one account change for the acting admin. The change function asks the policy again against
 * the latest data; a refusal changes nothing and is written to the audit log (who tried what, on
 * whom, and why it was refused). Input errors the change function throws (invalid fields) and
 * write failures pass through to the caller.
 */
/** What an admin tried to change, as the audit log names it. */
export interface AttemptedChange {
  action: string;
  target: { type: 'user' | 'organization'; id: string };
}

/**
 * Writes a refused attempt to the audit log: who tried what, on whom, and why it was refused.
 * Every path that refuses a change comes here, whether the refusal came before a form was shown
 * (a one-line request, a button) or when a form was saved.
 */
export async function recordRefusedAttempt(turn: MemberTurn, attempted: AttemptedChange, reason: string): Promise<void> {
  await turn.organization.recordRefusal({
    actor: { userId: turn.user.id, displayName: turn.user.displayName },
    action: attempted.action,
    target: attempted.target,
    reason,
  });
  turn.logger.warn({ action: attempted.action, reason, userId: turn.user.id }, 'change refused by policy');
}

export async function attemptChange<T>(
  turn: MemberTurn,
  audit: AttemptedChange,
  apply: (current: OrganizationFile, now: string) => ChangeOutcome<T>,
): Promise<ChangeAttempt<T>> {
  try {
    const result = await turn.organization.change((current, { now }) => apply(current, now));
    return { ok: true, result };
  } catch (error) {
    if (error instanceof ChangeRefusedError) {
      await recordRefusedAttempt(turn, audit, error.decision.reason);
      return { ok: false, kind: 'refused', decision: error.decision };
    }
    if (error instanceof StaleChangeError) return { ok: false, kind: 'stale' };
    if (error instanceof UnknownUserError) return { ok: false, kind: 'unknown_user' };
    throw error;
  }
}
