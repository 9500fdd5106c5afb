import type { RoleId } from '../../domain/roles.js';
import { executeAction } from '../cardActions.js';
import { backButton, cancelButton } from '../forms.js';
import { noticeCard } from '../notice.js';
import { escapeMarkdown } from '../text.js';
import type { CardJson, MemberTurn } from '../turn.js';

/**
 * "You are about to give Jean a privileged role": shown before Global admin, User management
 * admin, Admin agent or Compliance admin is given, by the add-user form and the role editor alike,
 * with what the role allows and Confirm / Back / Cancel.
 */
export function privilegedConfirmationCard(
  turn: MemberTurn,
  content: {
    name: string;
    roles: readonly RoleId[];
    flowId: string;
    confirmVerb: string;
    confirmLabel: string;
    backVerb: string;
    facts?: { title: string; value: string }[];
  },
): CardJson {
  const { t } = turn;
  const { flowId } = content;
  return noticeCard({
    title: t.t('privileged.confirmTitle'),
    tone: 'warning',
    paragraphs: [
      t.t('privileged.confirmBody', {
        name: escapeMarkdown(content.name),
        roles: t.list(content.roles.map((roleId) => t.t(`role.${roleId}.name`))),
      }),
      ...content.roles.map((roleId) => t.t(`privileged.${roleId}`)),
    ],
    facts: content.facts ?? [],
    actions: [
      executeAction(content.confirmLabel, content.confirmVerb, { flowId }, { style: 'destructive' }),
      backButton(turn, content.backVerb, flowId),
      cancelButton(turn, flowId),
    ],
  });
}
