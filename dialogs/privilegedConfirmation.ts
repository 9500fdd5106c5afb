import type { RoleId } from '../src/domain/roles.js';
import { executeAction } from '../src/bot/cardActions.js';
import { CANCEL_VERB } from '../src/bot/cardRouter.js';
import { noticeCard } from '../src/bot/notice.js';
import { escapeMarkdown } from '../src/bot/text.js';
import type { CardJson, MemberTurn } from '../src/bot/turn.js';

/**
 * "You are about to give Jean a privileged role": shown before Global admin, User management
 * admin, Admin agent or Compliance admin is given, by the add-user form and the role editor alike,
 * with what the role allows and Confirm / Back / Cancel.
 */
export function privilegedConfirmationCard(
  turn: MemberTurn,
  content: { name: string; roles: readonly RoleId[]; flowId: string; confirmVerb: string; confirmLabel: string; backVerb: string; facts?: { title: string; value: string }[] },
): CardJson {
  const { t } = turn;
  const { flowId } = content;
  return noticeCard({
    title: t.t('privileged.confirmTitle'),
    tone: 'warning',
    paragraphs: [
      t.t('privileged.confirmBody', { name: escapeMarkdown(content.name), roles: t.list(content.roles.map((roleId) => t.t(`role.${roleId}.name`))) }),
      ...content.roles.map((roleId) => t.t(`privileged.${roleId}`)),
    ],
    facts: content.facts ?? [],
    actions: [
      executeAction(content.confirmLabel, content.confirmVerb, { flowId }, { style: 'destructive' }),
      executeAction(t.t('common.back'), content.backVerb, { flowId }),
      executeAction(t.t('common.cancel'), CANCEL_VERB, { flowId }),
    ],
  });
}
