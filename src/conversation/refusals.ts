import type { Decision, PolicyAction } from '../domain/policy.js';
import type { Translator } from '../i18n/index.js';
import { decideIn } from '../accounts/organizationView.js';
import { noticeCard } from './notice.js';
import type { CardJson, MemberTurn } from './turn.js';

/**
 * Refusals, in one place: what the admin is told when the policy says no, and the audit entry
 * every refused change leaves, whichever path it came by (a one-line request, a button, a form
 * saved, card data edited by hand).
 */
export type Denial = Extract<Decision, { allowed: false }>;

/** What an admin tried to change, as the audit log names it. */
export interface AttemptedChange {
  action: string;
  target: { type: 'user' | 'organization'; id: string };
  /** What was asked, when the history should say it ("which PartnerID was refused"). */
  after?: Record<string, unknown>;
}

/** The attempt on the acting admin's own organization (most organization-wide changes). */
export function onOrganization(turn: MemberTurn, action: string): AttemptedChange {
  return { action, target: { type: 'organization', id: turn.organization.tenantId } };
}

/** Turns a policy refusal into a sentence in the admin's language, naming the roles or permission at stake. */
export function explainDenial(t: Translator, decision: Denial): string {
  return t.t(`policy.denied.${decision.reason}`, {
    roles: t.list((decision.roles ?? []).map((roleId) => t.t(`role.${roleId}.name`))),
    permission: decision.permission ? t.t(`permission.${decision.permission}`) : '',
  });
}

/** The card of a refused change: its title and the policy's reason. */
export function refusalCard(turn: MemberTurn, title: string, decision: Denial): CardJson {
  return noticeCard({ title, paragraphs: [explainDenial(turn.t, decision)], tone: 'attention' });
}

/**
 * Writes a refused attempt to the audit log: who tried what, on whom, and why it was refused.
 * Every path that refuses a change comes here.
 */
export async function recordRefusedAttempt(
  turn: MemberTurn,
  attempted: AttemptedChange,
  reason: string,
): Promise<void> {
  await turn.organization.recordRefusal({
    actor: { userId: turn.user.id, displayName: turn.user.displayName },
    action: attempted.action,
    target: attempted.target,
    reason,
    ...(attempted.after ? { after: attempted.after } : {}),
  });
  turn.logger.warn({ action: attempted.action, reason, userId: turn.user.id }, 'change refused by policy');
}

/**
 * Asks the policy whether the acting user may do `action` now; if not, tells them why in their
 * language and answers false. The one gate every read-only answer and every form opening goes
 * through. `attempted`: the change this was the start of, written to the audit log when refused.
 */
export async function allowedOrExplained(
  turn: MemberTurn,
  action: PolicyAction,
  attempted?: AttemptedChange,
): Promise<boolean> {
  const decision = decideIn(turn.organization.read(), turn.user, action);
  if (decision.allowed) return true;
  await turn.say(explainDenial(turn.t, decision));
  if (attempted) await recordRefusedAttempt(turn, attempted, decision.reason);
  return false;
}

/**
 * The policy's answer for a card about to be shown (a confirmation, an editor): undefined when
 * allowed, else the refusal card, with the attempt audited.
 */
export async function refusedBeforeShowing(
  turn: MemberTurn,
  action: PolicyAction,
  attempted: AttemptedChange,
  title: string,
): Promise<CardJson | undefined> {
  const decision = decideIn(turn.organization.read(), turn.user, action);
  if (decision.allowed) return undefined;
  await recordRefusedAttempt(turn, attempted, decision.reason);
  return refusalCard(turn, title, decision);
}
