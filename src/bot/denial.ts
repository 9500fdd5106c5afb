import type { Decision } from '../domain/policy.js';
import type { Translator } from '../i18n/index.js';

/** Turns a policy refusal into a sentence in the admin's language, naming the roles or permission at stake. */
export function explainDenial(t: Translator, decision: Extract<Decision, { allowed: false }>): string {
  return t.t(`policy.denied.${decision.reason}`, {
    roles: t.list((decision.roles ?? []).map((roleId) => t.t(`role.${roleId}.name`))),
    permission: decision.permission ? t.t(`permission.${decision.permission}`) : '',
  });
}
