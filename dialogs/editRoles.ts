import { z } from 'zod';
import { allRoles, ROLE_IDS, type RoleId } from '../src/domain/roles.js';
import { roleAuthority, roleAvailable } from '../src/domain/policy.js';
import { privilegedRoles } from '../src/accounts/addUser.js';
import { changeRoles, roleDifference } from '../src/accounts/changeRoles.js';
import { decideIn, policyOrganization } from '../src/accounts/organizationView.js';
import { approvalNeeded } from '../src/accounts/privilegedAccessRules.js';
import { askForApproval } from '../src/conversation/approvalRequests.js';
import { formatMoment } from '../src/conversation/moments.js';
import type { UserRecord } from '../src/store/schema.js';
import { commandAction, executeAction } from '../src/conversation/cardActions.js';
import { expandCard } from '../src/conversation/cards.js';
import { attemptChange, finishWith, notSavedCard, userGoneCard } from '../src/conversation/changes.js';
import { userTask, type Conversation } from '../src/conversation/descriptor.js';
import { defineFlow, type FlowOf } from '../src/conversation/flows.js';
import {
  cancelButton,
  closedFormCard,
  FlowOnly,
  formAction,
  stepButton,
  submitButton,
} from '../src/conversation/forms.js';
import { noticeCard } from '../src/conversation/notice.js';
import { announcePrivilegedChange } from '../src/conversation/privilegedAlerts.js';
import {
  GRANT_DURATIONS,
  grantEnd,
  privilegedConfirmationCard,
} from '../src/conversation/parts/privilegedConfirmation.js';
import { rolePickerPart, rolesFromInputs } from '../src/conversation/parts/rolePicker.js';
import { whoOf } from '../src/conversation/people.js';
import { findEnd } from '../src/language/timeSpans.js';
import {
  explainDenial,
  refusalCard,
  refusedBeforeShowing,
  type AttemptedChange,
} from '../src/conversation/refusals.js';
import { escapeMarkdown } from '../src/conversation/text.js';
import type { CardJson, MemberTurn } from '../src/conversation/turn.js';
import { startWithUser } from '../src/conversation/userPicker.js';

/**
 * "Change Adele's roles": the user's roles as toggles (the ones this admin may change), the others
 * shown locked. Saving applies the difference, after a confirmation when a privileged role is
 * given. The policy, asked again at the moment of the change, has the last word: the last Global
 * admin keeps the role, a user keeps at least one role, an Account admin touches company roles only.
 * If someone else changed the user meanwhile, the admin gets the fresh roles to review, not an overwrite.
 *
 * A role change asked in one line ("make Megan a billing admin", "retire le rôle agent commercial à
 * Adèle") is the same editor with its choice waiting for confirmation: a card that says exactly what
 * will change (given, taken away, roles after), then Confirm / Edit all roles / Cancel. Confirm runs
 * the editor's own save; "Edit all roles" opens the editor with the proposed roles ticked.
 */
const VERBS = { save: 'edit_roles.save', confirm: 'edit_roles.confirm', back: 'edit_roles.back' } as const;

const RoleList = z.array(z.enum(ROLE_IDS)).max(ROLE_IDS.length);

const editFlow = defineFlow('edit_roles', {
  targetId: z.string(),
  /** The target's record revision when the form was shown: a later change makes the form stale. */
  targetRevision: z.number().int(),
  /** Roles chosen, waiting for the confirmation a privileged grant (or a one-line request) needs. */
  pendingRoles: RoleList.optional(),
  /** The end a one-line request named ("until Friday 18:00"), for the privileged roles it gives. */
  until: z.string().datetime().optional(),
});
type EditFlow = FlowOf<typeof editFlow>;

/** A one-line request's change, carried through the user picker when it did not name one user. */
const RequestedChange = z.object({
  change: z.object({ add: RoleList, remove: RoleList, until: z.string().datetime().optional() }).optional(),
});
type RequestedChange = z.infer<typeof RequestedChange>;

type Notice = { text: string; tone: 'attention' | 'good' | 'default' };

const attempted = (targetId: string): AttemptedChange => ({
  action: 'user.roles_changed',
  target: { type: 'user', id: targetId },
});

interface RoleSplit {
  editable: RoleId[];
  locked: RoleId[];
}

function splitRoles(turn: MemberTurn, target: UserRecord): RoleSplit {
  const org = policyOrganization(turn.organization.read());
  const editable: RoleId[] = [];
  const locked: RoleId[] = [];
  for (const role of allRoles()) {
    const held = target.roles.includes(role.id);
    if (!held && !roleAvailable(org, role)) continue;
    if (roleAuthority(turn.user, role.id).allowed) editable.push(role.id);
    else if (held) locked.push(role.id);
  }
  return { editable, locked };
}

function roleNames(turn: MemberTurn, roles: readonly RoleId[]): string {
  return roles.length > 0
    ? turn.t.list(roles.map((roleId) => turn.t.t(`role.${roleId}.name`)))
    : turn.t.t('common.none');
}

/** Opens the role editor for a user (from the picker or a "change roles" button). */
function editorFor(turn: MemberTurn, target: UserRecord, notice?: Notice): CardJson {
  const document = turn.organization.read();
  // Seeing the user's roles, then giving any role at all: the first refused is explained.
  for (const action of [{ type: 'view_user_roles', target }, { type: 'open_role_editor' }] as const) {
    const decision = decideIn(document, turn.user, action);
    if (!decision.allowed) return refusalCard(turn, turn.t.t('editRoles.refusedTitle'), decision, action);
  }
  const flow = turn.flows.start(editFlow, { targetId: target.id, targetRevision: target.revision });
  return editorForm(turn, flow.id, target, target.roles, notice);
}

function editorForm(
  turn: MemberTurn,
  flowId: string,
  target: UserRecord,
  selected: readonly RoleId[],
  notice?: Notice,
): CardJson {
  const { t } = turn;
  const split = splitRoles(turn, target);
  const mayRemove = decideIn(turn.organization.read(), turn.user, { type: 'remove_user', target }).allowed;
  return expandCard(
    'edit-roles',
    {
      title: t.t('editRoles.title', { name: escapeMarkdown(target.displayName) }),
      facts: [
        { title: t.t('addUser.field.email'), value: escapeMarkdown(target.email ?? '') },
        { title: t.t('addUser.field.status'), value: t.t(`userStatus.${target.status}`) },
      ].filter((fact) => fact.value),
      intro: t.t(split.locked.length > 0 ? 'editRoles.introWithLocked' : 'editRoles.intro'),
      notice: notice?.text ?? '',
      noticeColor: notice?.tone === 'attention' ? 'Attention' : notice?.tone === 'good' ? 'Good' : 'Default',
      actions: [
        submitButton(t.t('editRoles.save'), VERBS.save, flowId),
        ...(mayRemove ? [commandAction(t.t('editRoles.removeUser'), 'remove_user', { userId: target.id })] : []),
        cancelButton(turn, flowId),
      ],
    },
    [rolePickerPart(t, { editable: split.editable, locked: split.locked, selected })],
  );
}

/** "Make Megan a billing admin": what will change, to confirm, or why it will not. */
async function confirmationFor(
  turn: MemberTurn,
  target: UserRecord,
  change: { add: RoleId[]; remove: RoleId[]; until?: string },
): Promise<CardJson> {
  const { t } = turn;
  const name = escapeMarkdown(target.displayName);
  const refusedTitle = t.t('editRoles.refusedTitle');
  const notOpen = await refusedBeforeShowing(turn, { type: 'open_role_editor' }, attempted(target.id), refusedTitle);
  if (notOpen) return notOpen;
  const wanted = [...new Set([...target.roles.filter((roleId) => !change.remove.includes(roleId)), ...change.add])];
  const difference = roleDifference(target.roles, wanted);
  if (difference.added.length === 0 && difference.removed.length === 0) {
    const key = change.add.length > 0 ? 'roleChange.alreadyHas' : 'roleChange.doesNotHave';
    return noticeCard({
      title: t.t(key, { name, roles: roleNames(turn, [...change.add, ...change.remove]) }),
      facts: [{ title: t.t('editRoles.done.now'), value: roleNames(turn, target.roles) }],
    });
  }
  const refused = await refusedBeforeShowing(
    turn,
    { type: 'change_roles', target, roles: wanted },
    attempted(target.id),
    refusedTitle,
  );
  if (refused) return refused;
  const privileged = privilegedRoles(difference.added);
  // An end is only for privileged roles given now; one that has passed already means nothing.
  const until =
    privileged.length > 0 && change.until && change.until > new Date().toISOString() ? change.until : undefined;
  const flow = turn.flows.start(editFlow, {
    targetId: target.id,
    targetRevision: target.revision,
    pendingRoles: wanted,
    ...(until ? { until } : {}),
  });
  const facts = [
    ...(difference.added.length > 0
      ? [{ title: t.t('roleChange.gives'), value: roleNames(turn, difference.added) }]
      : []),
    ...(difference.removed.length > 0
      ? [{ title: t.t('roleChange.takesAway'), value: roleNames(turn, difference.removed) }]
      : []),
    { title: t.t('roleChange.after'), value: roleNames(turn, wanted) },
    ...(until ? [{ title: t.t('privileged.duration.until'), value: formatMoment(t, until, turn.timeZone) }] : []),
  ];
  if (privileged.length > 0)
    return privilegedConfirmationCard(turn, {
      name: target.displayName,
      title: t.t('roleChange.title', { name }),
      roles: privileged,
      flowId: flow.id,
      confirmVerb: VERBS.confirm,
      confirmLabel: t.t('roleChange.confirm'),
      backVerb: VERBS.back,
      facts,
      timeBound: !until,
      ...(needsApproval(turn, difference.added) ? { approval: {} } : {}),
    });
  return noticeCard({
    title: t.t('roleChange.title', { name }),
    tone: privileged.length > 0 ? 'warning' : 'default',
    facts: [
      ...(difference.added.length > 0
        ? [{ title: t.t('roleChange.gives'), value: roleNames(turn, difference.added) }]
        : []),
      ...(difference.removed.length > 0
        ? [{ title: t.t('roleChange.takesAway'), value: roleNames(turn, difference.removed) }]
        : []),
      { title: t.t('roleChange.after'), value: roleNames(turn, wanted) },
    ],
    paragraphs: privileged.map((roleId) => t.t(`privileged.${roleId}`)),
    note: t.t('editRoles.done.delay'),
    actions: [
      executeAction(
        t.t('roleChange.confirm'),
        VERBS.confirm,
        { flowId: flow.id },
        { style: privileged.length > 0 ? 'destructive' : 'positive' },
      ),
      stepButton(t.t('roleChange.editAll'), VERBS.back, flow.id),
      cancelButton(turn, flow.id),
    ],
  });
}

const save = formAction(editFlow, FlowOnly, async (turn, click) => {
  const { flow } = click;
  const target = turn.organization.userById(flow.targetId);
  if (!target || target.status === 'removed') return finishWith(turn, flow.id, userGoneCard(turn));
  const inputs = rolesFromInputs(click.data);
  if (!inputs.ok) {
    const text = turn.t.t('rolePicker.unknownRoles', { roles: inputs.unknown.join(', ') });
    return editorForm(turn, flow.id, target, target.roles, { text, tone: 'attention' });
  }
  // Roles the admin cannot change were shown without a toggle: they stay as they are.
  const { locked } = splitRoles(turn, target);
  // So do roles whose toggle did not come back at all: silence is not "take it away".
  const unanswered = target.roles.filter((roleId) => !inputs.answered.includes(roleId));
  const wanted = [
    ...new Set([...inputs.roles, ...locked.filter((roleId) => target.roles.includes(roleId)), ...unanswered]),
  ];
  const difference = roleDifference(target.roles, wanted);
  if (difference.added.length === 0 && difference.removed.length === 0) {
    return editorForm(turn, flow.id, target, target.roles, {
      text: turn.t.t('editRoles.nothingChanged'),
      tone: 'default',
    });
  }
  if (wanted.length === 0)
    return editorForm(turn, flow.id, target, wanted, { text: turn.t.t('policy.denied.no_roles'), tone: 'attention' });
  const privileged = privilegedRoles(difference.added);
  if (privileged.length > 0) {
    turn.flows.update(editFlow, { ...flow, pendingRoles: wanted });
    return privilegedConfirmationCard(turn, {
      name: target.displayName,
      roles: privileged,
      flowId: flow.id,
      confirmVerb: VERBS.confirm,
      confirmLabel: turn.t.t('editRoles.confirm.yes'),
      backVerb: VERBS.back,
      timeBound: true,
      ...(needsApproval(turn, difference.added) ? { approval: {} } : {}),
    });
  }
  return apply(turn, flow, wanted);
});

/** Giving the Global admin role waits for a second Global admin where the organization's rule says so. */
function needsApproval(turn: MemberTurn, added: readonly RoleId[]): boolean {
  return added.includes('global_admin') && approvalNeeded(turn.organization.read());
}

async function apply(turn: MemberTurn, flow: EditFlow, roles: RoleId[], until?: string): Promise<CardJson> {
  const { t } = turn;
  const outcome = await attemptChange(turn, attempted(flow.targetId), (current, now) =>
    changeRoles(current, turn.user.id, flow.targetId, roles, flow.targetRevision, now, until ? { until } : {}),
  );
  const target = turn.organization.userById(flow.targetId);
  switch (outcome.kind) {
    case 'saved': {
      const { user, difference } = outcome.result;
      // The other Global admins hear of every privileged change, in their own chats.
      const announced = await announcePrivilegedChange(turn, user, { ...difference, ...(until ? { until } : {}) });
      return finishWith(
        turn,
        flow.id,
        noticeCard({
          title: t.t('editRoles.done.title', { name: escapeMarkdown(user.displayName) }),
          tone: 'good',
          // Only what happened: no "Removed: None" line.
          facts: [
            ...(difference.added.length > 0
              ? [{ title: t.t('editRoles.done.added'), value: roleNames(turn, difference.added) }]
              : []),
            ...(difference.removed.length > 0
              ? [{ title: t.t('editRoles.done.removed'), value: roleNames(turn, difference.removed) }]
              : []),
            { title: t.t('editRoles.done.now'), value: roleNames(turn, user.roles) },
            ...(until
              ? [{ title: t.t('privileged.duration.until'), value: formatMoment(t, until, turn.timeZone) }]
              : []),
            ...(announced && announced.told.length > 0
              ? [{ title: t.t('editRoles.done.told'), value: escapeMarkdown(t.list(announced.told)) }]
              : []),
            ...(announced && announced.unreachable.length > 0
              ? [{ title: t.t('editRoles.done.unreachable'), value: escapeMarkdown(t.list(announced.unreachable)) }]
              : []),
          ],
          note: t.t('editRoles.done.delay'),
          actions: [commandAction(t.t('editRoles.done.again'), 'assign_roles', { userId: user.id })],
        }),
      );
    }
    case 'stale':
      if (!target || target.status === 'removed') return finishWith(turn, flow.id, userGoneCard(turn));
      // Someone changed this user since the card was shown: show what is true now (a new flow).
      return editorFor(turn, target, {
        text: t.t('editRoles.stale', {
          name: escapeMarkdown(target.displayName),
          by: escapeMarkdown(target.updatedBy.displayName),
        }),
        tone: 'attention',
      });
    case 'refused':
      if (!target) return finishWith(turn, flow.id, userGoneCard(turn));
      // The policy said no: the form stays open, showing the user's roles as they are.
      return editorForm(turn, flow.id, target, target.roles, {
        text: explainDenial(turn, outcome.decision, outcome.action),
        tone: 'attention',
      });
    case 'gone':
      return finishWith(turn, flow.id, userGoneCard(turn));
    case 'not_saved':
      return notSavedCard(turn);
  }
}

const ConfirmData = FlowOnly.extend({
  duration: z.enum(GRANT_DURATIONS).optional().default('permanent'),
  reason: z.string().max(2000).optional(),
});

const confirm = formAction(editFlow, ConfirmData, async (turn, click) => {
  const { flow, input } = click;
  if (!flow.pendingRoles) return closedFormCard(turn, flow.id);
  const until = flow.until ?? grantEnd(input.duration, new Date());
  const target = turn.organization.userById(flow.targetId);
  if (!target || target.status === 'removed') return finishWith(turn, flow.id, userGoneCard(turn));
  const difference = roleDifference(target.roles, flow.pendingRoles);
  if (!needsApproval(turn, difference.added)) return apply(turn, flow, flow.pendingRoles, until);
  const reason = (input.reason ?? '').trim().slice(0, 300);
  if (!reason)
    return privilegedConfirmationCard(turn, {
      name: target.displayName,
      roles: privilegedRoles(difference.added),
      flowId: flow.id,
      confirmVerb: VERBS.confirm,
      confirmLabel: turn.t.t('roleChange.confirm'),
      backVerb: VERBS.back,
      timeBound: !flow.until,
      approval: { notice: turn.t.t('accessRequest.reasonRequired') },
    });
  return askForApproval(
    turn,
    flow.id,
    {
      kind: 'grant',
      targetId: target.id,
      add: difference.added,
      remove: difference.removed,
      ...(until ? { until } : {}),
    },
    reason,
    attempted(target.id),
    turn.t.t('editRoles.refusedTitle'),
  );
});

const back = formAction(editFlow, FlowOnly, async (turn, click) => {
  const { flow } = click;
  const target = turn.organization.userById(flow.targetId);
  if (!target) return finishWith(turn, flow.id, userGoneCard(turn));
  turn.flows.update(editFlow, { ...flow, pendingRoles: undefined });
  return editorForm(turn, flow.id, target, flow.pendingRoles ?? target.roles);
});

/** "Make Megan a billing admin" is the change itself, to confirm; without a role, the role editor. */
function changeOf(intent: 'assign_roles' | 'remove_roles', roles: RoleId[], until?: string): RequestedChange {
  if (roles.length === 0) return {};
  return {
    change:
      intent === 'assign_roles' ? { add: roles, remove: [], ...(until ? { until } : {}) } : { add: [], remove: roles },
  };
}

export const editRoles: Conversation = {
  name: 'edit-roles',
  policy: ['view_user_roles', 'open_role_editor', 'change_roles', 'remove_user'],
  flows: [editFlow],
  offeredWhen: {
    assign_roles: () => ({ type: 'open_role_editor' }),
    remove_roles: () => ({ type: 'open_role_editor' }),
  },
  help: [{ intent: 'assign_roles', order: 30 }],
  intents: {
    assign_roles: (turn, request) =>
      startWithUser(
        turn,
        'edit_roles',
        whoOf(request),
        changeOf(
          'assign_roles',
          request.entities.roles ?? [],
          findEnd(request.text ?? '', turn.t.language, new Date(), turn.timeZone),
        ),
      ),
    remove_roles: (turn, request) =>
      startWithUser(turn, 'edit_roles', whoOf(request), changeOf('remove_roles', request.entities.roles ?? [])),
  },
  userTasks: [
    userTask({
      purpose: 'edit_roles',
      // "Make me a Global admin": judged on the role named, so the refusal says who can give it.
      opens: ({ change }) => ({ type: 'open_role_editor', roles: change ? [...change.add, ...change.remove] : [] }),
      attemptedAction: 'user.roles_changed',
      details: RequestedChange,
      open: async (turn, target, details) =>
        details.change ? confirmationFor(turn, target, details.change) : editorFor(turn, target),
    }),
  ],
  cardActions: { [VERBS.save]: save, [VERBS.confirm]: confirm, [VERBS.back]: back },
};
