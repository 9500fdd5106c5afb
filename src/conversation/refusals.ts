import { AUTHORITY_REASONS, type Decision, type PolicyAction } from '../domain/policy.js';
import { decideIn, whomToAsk } from '../accounts/organizationView.js';
import { noticeCard } from './notice.js';
import { escapeMarkdown } from './text.js';
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
  target: { type: 'user' | 'organization' | 'customer' | 'access_request' | 'access_review'; id: string };
  /** What was asked, when the history should say it ("which PartnerID was refused"). */
  after?: Record<string, unknown>;
}

/** The attempt on the acting admin's own organization (most organization-wide changes). */
export function onOrganization(turn: MemberTurn, action: string): AttemptedChange {
  return { action, target: { type: 'organization', id: turn.organization.tenantId } };
}

/** Names listed in a refusal's "ask …"; more are counted, not named. */
const HELPERS_NAMED = 3;

/**
 * Turns a policy refusal into the admin's language: what it takes (the roles or permission at
 * stake) and, when it is about the admin's authority, whom to ask: the people the policy would let
 * do it, by name (or that no one else can).
 */
export function explainDenial(turn: MemberTurn, decision: Denial, action?: PolicyAction): string {
  const { t } = turn;
  const reason = t.t(`policy.denied.${decision.reason}`, {
    roles: t.list((decision.roles ?? []).map((roleId) => t.t(`role.${roleId}.name`))),
    permission: decision.permission ? t.t(`permission.${decision.permission}`) : '',
  });
  if (!action || !AUTHORITY_REASONS.has(decision.reason)) return reason;
  const helpers = whomToAsk(turn.organization.read(), turn.user.id, decision, action);
  if (helpers.length === 0) return `${reason} ${t.t('policy.noOneToAsk')}`;
  // Named up to HELPERS_NAMED, or all of them when only one more would be left over.
  const named = helpers.length <= HELPERS_NAMED + 1 ? helpers : helpers.slice(0, HELPERS_NAMED);
  const names = named.map((helper) => escapeMarkdown(helper.displayName));
  const more = helpers.length - names.length;
  return `${reason} ${more > 0 ? t.t('policy.askMore', { names: names.join(', '), count: more }) : t.t('policy.ask', { names: t.list(names, 'or') })}`;
}

/** The card of a refused change: its title, the policy's reason, and whom to ask. */
export function refusalCard(turn: MemberTurn, title: string, decision: Denial, action?: PolicyAction): CardJson {
  return noticeCard({ title, paragraphs: [explainDenial(turn, decision, action)], tone: 'attention' });
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
  await turn.say(explainDenial(turn, decision, action));
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
  return refusalCard(turn, title, decision, action);
}
