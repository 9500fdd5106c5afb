import { z } from 'zod';
import { changeRoles } from '../src/accounts/changeRoles.js';
import { extendAccess, NoTimeBoundRoleError, timeBoundRoles } from '../src/accounts/extendAccess.js';
import { approvalNeeded } from '../src/accounts/privilegedAccessRules.js';
import type { UserRecord } from '../src/store/schema.js';
import { askForApproval } from '../src/conversation/approvalRequests.js';
import { commandAction } from '../src/conversation/cardActions.js';
import { attemptChange, finishWith, notSavedCard, userGoneCard } from '../src/conversation/changes.js';
import { userTask, type Conversation } from '../src/conversation/descriptor.js';
import { defineFlow, type FlowOf } from '../src/conversation/flows.js';
import { cancelButton, formAction, formSubmit, submitButton } from '../src/conversation/forms.js';
import { formatMoment } from '../src/conversation/moments.js';
import { noticeCard } from '../src/conversation/notice.js';
import { grantEnd, type GrantDuration } from '../src/conversation/parts/privilegedConfirmation.js';
import { profileFormCard } from '../src/conversation/parts/profileForm.js';
import { whoOf } from '../src/conversation/people.js';
import { announcePrivilegedChange } from '../src/conversation/privilegedAlerts.js';
import { explainDenial, type AttemptedChange } from '../src/conversation/refusals.js';
import { escapeMarkdown } from '../src/conversation/text.js';
import type { CardJson, MemberTurn } from '../src/conversation/turn.js';
import { startWithUser } from '../src/conversation/userPicker.js';
import { findExtension } from '../src/language/timeSpans.js';

/**
 * "Extend Megan's access by a day", "end Megan's access now" (issue 21): a user's time-bound
 * privileged roles (given for a time in the role editor or by a one-line request) get a later end,
 * or end at once. Both show what will change and wait for Confirm. Extending a Global admin role
 * gives it for longer: where the organization's rule says so, it waits for a second Global admin
 * (a request, with its reason). Ending now is a role change like any other: the policy, the
 * audit, the other Global admins told.
 */
const VERBS = { extend: 'extend_access.confirm', end: 'end_access.confirm' } as const;

const EXTENSIONS = ['PT1H', 'PT8H', 'P1D', 'P7D'] as const satisfies readonly Exclude<GrantDuration, 'permanent'>[];

const accessFlow = defineFlow('time_bound_access', {
  targetId: z.string(),
  targetRevision: z.number().int(),
  /** The new end the request named ("until Friday 18:00", or now + "by a day"), when it named one. */
  until: z.string().datetime().optional(),
});
type AccessFlow = FlowOf<typeof accessFlow>;

const Extension = z.object({ byMs: z.number().int().positive().optional(), until: z.string().datetime().optional() });
type Extension = z.infer<typeof Extension>;

const attempted = (targetId: string, action: string): AttemptedChange => ({
  action,
  target: { type: 'user', id: targetId },
});

function rolesFacts(turn: MemberTurn, user: UserRecord) {
  const { t } = turn;
  return timeBoundRoles(user).map(({ roleId, until }) => ({
    title: t.t(`role.${roleId}.name`),
    value: t.t('privilegedAccess.until', { until: formatMoment(t, until, turn.timeZone) }),
  }));
}

function noTimeBoundCard(turn: MemberTurn, user: UserRecord): CardJson {
  return noticeCard({
    title: turn.t.t('timeBound.none', { name: escapeMarkdown(user.displayName) }),
    paragraphs: [turn.t.t('timeBound.noneBody')],
    actions: [commandAction(turn.t.t('editRoles.done.again'), 'assign_roles', { userId: user.id })],
  });
}

/** The latest end of the user's time-bound roles: an extension by a length counts from there. */
function latestEnd(user: UserRecord): string {
  return timeBoundRoles(user).reduce((latest, role) => (role.until > latest ? role.until : latest), '');
}

function needsApproval(turn: MemberTurn, user: UserRecord): boolean {
  return (
    timeBoundRoles(user).some((role) => role.roleId === 'global_admin') && approvalNeeded(turn.organization.read())
  );
}

function extendCard(turn: MemberTurn, flow: AccessFlow, user: UserRecord, notice?: string): CardJson {
  const { t } = turn;
  const approval = needsApproval(turn, user);
  return profileFormCard(turn, {
    title: t.t('timeBound.extendTitle', { name: escapeMarkdown(user.displayName) }),
    paragraphs: [...(notice ? [notice] : []), t.t('timeBound.extendIntro')],
    facts: [
      ...rolesFacts(turn, user),
      ...(flow.until ? [{ title: t.t('timeBound.newEnd'), value: formatMoment(t, flow.until, turn.timeZone) }] : []),
    ],
    fields: [
      ...(flow.until
        ? []
        : [
            {
              kind: 'choice' as const,
              id: 'extendBy',
              value: 'P1D',
              choices: EXTENSIONS.map((duration) => ({
                title: t.t(`privileged.duration.${duration}`),
                value: duration,
              })),
            },
          ]),
      ...(approval ? [{ kind: 'text' as const, id: 'approvalReason', value: '', maxLength: 300 }] : []),
    ],
    ...(approval ? { note: t.t('accessRequest.willAsk') } : {}),
    actions: [
      submitButton(t.t(approval ? 'accessRequest.ask' : 'timeBound.extend'), VERBS.extend, flow.id),
      cancelButton(turn, flow.id),
    ],
  });
}

async function openExtension(turn: MemberTurn, user: UserRecord, extension: Extension): Promise<CardJson> {
  if (timeBoundRoles(user).length === 0) return noTimeBoundCard(turn, user);
  const from = latestEnd(user);
  const until =
    extension.until ?? (extension.byMs ? new Date(Date.parse(from) + extension.byMs).toISOString() : undefined);
  const flow = turn.flows.start(accessFlow, {
    targetId: user.id,
    targetRevision: user.revision,
    ...(until && until > from ? { until } : {}),
  });
  return extendCard(turn, flow, user);
}

const ExtendData = formSubmit({
  extendBy: z.enum(EXTENSIONS).optional(),
  approvalReason: z.string().max(2000).optional().default(''),
});

const extend = formAction(accessFlow, ExtendData, async (turn, { flow, input }) => {
  const { t } = turn;
  const user = turn.organization.userById(flow.targetId);
  if (!user || user.status === 'removed') return finishWith(turn, flow.id, userGoneCard(turn));
  if (timeBoundRoles(user).length === 0) return finishWith(turn, flow.id, noTimeBoundCard(turn, user));
  const from = new Date(latestEnd(user));
  const until = flow.until ?? grantEnd(input.extendBy ?? 'P1D', from)!;
  if (needsApproval(turn, user)) {
    const reason = input.approvalReason.trim().slice(0, 300);
    if (!reason) return extendCard(turn, flow, user, t.t('accessRequest.reasonRequired'));
    return askForApproval(
      turn,
      flow.id,
      { kind: 'extend', targetId: user.id, until },
      reason,
      attempted(user.id, 'user.access_extended'),
      t.t('editRoles.refusedTitle'),
    );
  }
  const outcome = await attemptChange(
    turn,
    attempted(user.id, 'user.access_extended'),
    (current, now) => extendAccess(current, turn.user.id, user.id, until, now),
    { invalid: NoTimeBoundRoleError },
  );
  switch (outcome.kind) {
    case 'saved':
      return finishWith(
        turn,
        flow.id,
        noticeCard({
          title: t.t('timeBound.extended', { name: escapeMarkdown(outcome.result.displayName) }),
          tone: 'good',
          facts: rolesFacts(turn, outcome.result),
        }),
      );
    case 'invalid':
      return finishWith(turn, flow.id, noTimeBoundCard(turn, user));
    case 'refused':
      return finishWith(
        turn,
        flow.id,
        noticeCard({
          title: t.t('editRoles.refusedTitle'),
          tone: 'attention',
          paragraphs: [explainDenial(turn, outcome.decision, outcome.action)],
        }),
      );
    case 'gone':
    case 'stale':
      return finishWith(turn, flow.id, userGoneCard(turn));
    case 'not_saved':
      return notSavedCard(turn);
  }
});

// --- End now ---------------------------------------------------------------------------------

async function openEnd(turn: MemberTurn, user: UserRecord): Promise<CardJson> {
  const { t } = turn;
  if (timeBoundRoles(user).length === 0) return noTimeBoundCard(turn, user);
  const flow = turn.flows.start(accessFlow, { targetId: user.id, targetRevision: user.revision });
  return noticeCard({
    title: t.t('timeBound.endTitle', { name: escapeMarkdown(user.displayName) }),
    tone: 'warning',
    facts: rolesFacts(turn, user),
    paragraphs: [t.t('timeBound.endBody')],
    actions: [submitButton(t.t('timeBound.end'), VERBS.end, flow.id), cancelButton(turn, flow.id)],
  });
}

const end = formAction(accessFlow, formSubmit({}), async (turn, { flow }) => {
  const { t } = turn;
  const user = turn.organization.userById(flow.targetId);
  if (!user || user.status === 'removed') return finishWith(turn, flow.id, userGoneCard(turn));
  const ending = timeBoundRoles(user).map((role) => role.roleId);
  if (ending.length === 0) return finishWith(turn, flow.id, noTimeBoundCard(turn, user));
  const left = user.roles.filter((roleId) => !ending.includes(roleId));
  const outcome = await attemptChange(turn, attempted(user.id, 'user.roles_changed'), (current, now) =>
    changeRoles(current, turn.user.id, user.id, left.length > 0 ? left : ['default_user'], flow.targetRevision, now),
  );
  switch (outcome.kind) {
    case 'saved': {
      const { user: updated, difference } = outcome.result;
      const announced = await announcePrivilegedChange(turn, updated, difference);
      return finishWith(
        turn,
        flow.id,
        noticeCard({
          title: t.t('timeBound.ended', { name: escapeMarkdown(updated.displayName) }),
          tone: 'good',
          facts: [
            {
              title: t.t('editRoles.done.removed'),
              value: t.list(difference.removed.map((roleId) => t.t(`role.${roleId}.name`))),
            },
            {
              title: t.t('editRoles.done.now'),
              value: t.list(updated.roles.map((roleId) => t.t(`role.${roleId}.name`))),
            },
            ...(announced && announced.told.length > 0
              ? [{ title: t.t('editRoles.done.told'), value: escapeMarkdown(t.list(announced.told)) }]
              : []),
          ],
        }),
      );
    }
    case 'stale': {
      // Changed since the card was shown: show what is true now.
      const fresh = turn.organization.userById(flow.targetId);
      return finishWith(turn, flow.id, fresh ? await openEnd(turn, fresh) : userGoneCard(turn));
    }
    case 'refused':
      return finishWith(
        turn,
        flow.id,
        noticeCard({
          title: t.t('editRoles.refusedTitle'),
          tone: 'attention',
          paragraphs: [explainDenial(turn, outcome.decision, outcome.action)],
        }),
      );
    case 'gone':
      return finishWith(turn, flow.id, userGoneCard(turn));
    case 'not_saved':
      return notSavedCard(turn);
  }
});

export const timeBoundAccess: Conversation = {
  name: 'time-bound-access',
  // The change itself asks `change_roles`, inside src/accounts/ (changeRoles, extendAccess).
  policy: ['open_role_editor'],
  flows: [accessFlow],
  offeredWhen: {
    extend_access: () => ({ type: 'open_role_editor' }),
    end_access: () => ({ type: 'open_role_editor' }),
  },
  intents: {
    extend_access: (turn, request) => {
      const reading = findExtension(request.text ?? '', turn.t.language, new Date(), turn.timeZone);
      return startWithUser(turn, 'extend_access', whoOf(request), reading ?? {});
    },
    end_access: (turn, request) => startWithUser(turn, 'end_access', whoOf(request)),
  },
  userTasks: [
    userTask({
      purpose: 'extend_access',
      opens: () => ({ type: 'open_role_editor' }),
      attemptedAction: 'user.access_extended',
      details: Extension,
      open: openExtension,
    }),
    userTask({
      purpose: 'end_access',
      opens: () => ({ type: 'open_role_editor' }),
      attemptedAction: 'user.roles_changed',
      details: z.object({}),
      open: (turn, user) => openEnd(turn, user),
    }),
  ],
  cardActions: { [VERBS.extend]: extend, [VERBS.end]: end },
};
