import type { RoleId } from '../../domain/roles.js';
import { executeAction } from '../cardActions.js';
import { expandCard } from '../cards.js';
import { backButton, cancelButton } from '../forms.js';
import { escapeMarkdown } from '../text.js';
import type { CardJson, MemberTurn } from '../turn.js';

/**
 * "You are about to give Jean a privileged role": shown before Global admin, User management
 * admin, Admin agent or Compliance admin is given, by the add-user form and the role editor alike,
 * with what the role allows and Confirm / Back / Cancel. Where the grant may be time-bound
 * (`timeBound`), the card asks for how long: permanently, or for a few hours or days, after which
 * the bot takes the role away itself (issue 21).
 */
export const GRANT_DURATIONS = ['permanent', 'PT1H', 'PT8H', 'P1D', 'P7D'] as const;
export type GrantDuration = (typeof GRANT_DURATIONS)[number];

const DURATION_MS: Record<Exclude<GrantDuration, 'permanent'>, number> = {
  PT1H: 3_600_000,
  PT8H: 8 * 3_600_000,
  P1D: 24 * 3_600_000,
  P7D: 7 * 24 * 3_600_000,
};

/** When a grant chosen at `now` for `duration` ends; undefined for a permanent grant. */
export function grantEnd(duration: GrantDuration, now: Date): string | undefined {
  return duration === 'permanent' ? undefined : new Date(now.getTime() + DURATION_MS[duration]).toISOString();
}

export function privilegedConfirmationCard(
  turn: MemberTurn,
  content: {
    name: string;
    /** The card's title, when the request said more than the roles ("Change Patti Fernandez's roles?"). */
    title?: string;
    roles: readonly RoleId[];
    flowId: string;
    confirmVerb: string;
    confirmLabel: string;
    backVerb: string;
    facts?: { title: string; value: string }[];
    timeBound?: boolean;
    /** The Global admin role waits for a second Global admin: the card asks why, and "Ask for approval". */
    approval?: { notice?: string };
  },
): CardJson {
  const { t } = turn;
  const { flowId } = content;
  return expandCard('privileged-confirmation', {
    title: content.title ?? t.t('privileged.confirmTitle'),
    color: 'Warning',
    paragraphs: [
      t.t('privileged.confirmBody', {
        name: escapeMarkdown(content.name),
        roles: t.list(content.roles.map((roleId) => t.t(`role.${roleId}.name`))),
      }),
      ...content.roles.map((roleId) => t.t(`privileged.${roleId}`)),
    ],
    facts: content.facts ?? [],
    durationLabel: t.t('privileged.duration.label'),
    durations: content.timeBound
      ? GRANT_DURATIONS.map((duration) => ({ title: t.t(`privileged.duration.${duration}`), value: duration }))
      : [],
    reasonLabel: content.approval ? t.t('accessRequest.reasonLabel') : '',
    reasonPlaceholder: t.t('accessRequest.reasonPlaceholder'),
    reasonError: t.t('accessRequest.reasonRequired'),
    note: [
      ...(content.approval ? [content.approval.notice ?? t.t('accessRequest.willAsk')] : []),
      ...(content.timeBound ? [t.t('privileged.duration.note')] : []),
    ].join(' '),
    actions: [
      executeAction(
        content.approval ? t.t('accessRequest.ask') : content.confirmLabel,
        content.confirmVerb,
        { flowId },
        { style: 'destructive' },
      ),
      backButton(turn, content.backVerb, flowId),
      cancelButton(turn, flowId),
    ],
  });
}
