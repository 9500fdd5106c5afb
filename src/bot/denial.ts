import type { Decision, PolicyAction } from '../domain/policy.js';
import type { Translator } from '../i18n/index.js';
import { decideIn } from '../accounts/organizationView.js';
import { recordRefusedAttempt, type AttemptedChange } from './changes.js';
import type { MemberTurn } from './turn.js';

/** Turns a policy refusal into a sentence in the admin's language, naming the roles or permission at stake. */
export function explainDenial(t: Translator, decision: Extract<Decision, { allowed: false }>): string {
  return t.t(`policy.denied.${decision.reason}`, {
    roles: t.list((decision.roles ?? []).map((roleId) => t.t(`role.${roleId}.name`))),
    permission: decision.permission ? t.t(`permission.${decision.permission}`) : '',
  });
}

/**
 * Asks the policy whether the acting user may do `action` now; if not, tells them why in their
 * language and answers false. The one gate every read-only answer and every form opening goes
 * through. `attempted`: the change this was the start of, written to the audit log when refused.
 */
export async function allowedOrExplained(turn: MemberTurn, action: PolicyAction, attempted?: AttemptedChange): Promise<boolean> {
  const decision = decideIn(turn.organization.read(), turn.user, action);
  if (decision.allowed) return true;
  await turn.context.sendActivity(explainDenial(turn.t, decision));
  if (attempted) await recordRefusedAttempt(turn, attempted, decision.reason);
  return false;
}
