import { z } from 'zod';
import { grantableRoles } from '../src/domain/policy.js';
import { ROLE_IDS, type RoleId } from '../src/domain/roles.js';
import {
  addUser as addUserChange,
  DISPLAY_NAME_MAX_LENGTH,
  hasProblems,
  newUserProblems,
  NewUserInvalidError,
  privilegedRoles,
  type NewUserProblems,
} from '../src/accounts/addUser.js';
import { EMAIL_MAX_LENGTH } from '../src/accounts/emails.js';
import { decideIn, policyOrganization } from '../src/accounts/organizationView.js';
import { commandAction } from '../src/conversation/cardActions.js';
import { expandCard } from '../src/conversation/cards.js';
import { attemptChange, finishWith, notSavedCard, type ChangeOutcome } from '../src/conversation/changes.js';
import type { Conversation } from '../src/conversation/descriptor.js';
import { defineFlow, type FlowOf } from '../src/conversation/flows.js';
import {
  cancelButton,
  closedFormCard,
  FlowOnly,
  formSubmit,
  openForm,
  formAction,
  submitButton,
  typedText,
} from '../src/conversation/forms.js';
import { noticeCard } from '../src/conversation/notice.js';
import {
  GRANT_DURATIONS,
  grantEnd,
  privilegedConfirmationCard,
} from '../src/conversation/parts/privilegedConfirmation.js';
import { sendForApproval } from '../src/conversation/accessRequestCards.js';
import { addUserAskingApproval } from '../src/accounts/accessRequests.js';
import { approvalNeeded } from '../src/accounts/privilegedAccessRules.js';
import { rolePickerPart, rolesFromInputs } from '../src/conversation/parts/rolePicker.js';
import { explainDenial, onOrganization, recordRefusedAttempt } from '../src/conversation/refusals.js';
import { escapeMarkdown } from '../src/conversation/text.js';
import type { CardJson, MemberTurn } from '../src/conversation/turn.js';

/**
 * "Add a user": a form (full name, work email, roles the admin may grant), checked on submit
 * against the organization as it is then; errors come back next to their field with the input
 * kept. Granting a privileged role asks for a confirmation first. The user is saved as "invited",
 * the change is audited, and the form becomes a summary with the next steps.
 */
const VERBS = { submit: 'add_user.submit', confirm: 'add_user.confirm', back: 'add_user.back' } as const;

const RoleList = z.array(z.enum(ROLE_IDS)).max(ROLE_IDS.length);
const Draft = z.object({ displayName: z.string().max(1000), email: z.string().max(1000), roles: RoleList });
type Draft = z.infer<typeof Draft>;

const addUserFlow = defineFlow('add_user', { draft: Draft.optional(), confirming: z.boolean().optional() });
type AddUserFlow = FlowOf<typeof addUserFlow>;

const EMPTY_DRAFT: Draft = { displayName: '', email: '', roles: [] };

const attempted = (turn: MemberTurn) => onOrganization(turn, 'user.added');

async function startAddUser(turn: MemberTurn, prefill: Partial<Draft>): Promise<void> {
  await openForm(
    turn,
    { policy: { type: 'open_add_user_form' }, attempted: attempted(turn) },
    (setAside) => {
      const draft = { ...EMPTY_DRAFT, ...prefill };
      const flow = turn.flows.start(addUserFlow, { draft });
      return addUserForm(turn, flow.id, draft, {}, setAside);
    },
    { setAsideInCard: true },
  );
}

function addUserForm(
  turn: MemberTurn,
  flowId: string,
  draft: Draft,
  problems: NewUserProblems,
  notice?: string,
): CardJson {
  const { t } = turn;
  const grantable = grantableRoles(turn.user, policyOrganization(turn.organization.read()));
  const roleNames = (roles: readonly RoleId[]) => t.list(roles.map((roleId) => t.t(`role.${roleId}.name`)));
  const rolesError = !problems.roles
    ? ''
    : problems.roles.problem === 'none_chosen'
      ? t.t('addUser.error.noRole')
      : t.t('addUser.error.roleNotGrantable', { roles: roleNames(problems.roles.roles) });
  const emailError = !problems.email
    ? ''
    : t.t(problems.email === 'duplicate' ? 'addUser.error.duplicate' : `email.problem.${problems.email}`, {
        max: EMAIL_MAX_LENGTH,
      });
  // Teams shows the bottom of a card after a submit: what to fix is said by the buttons too.
  const toFix = [
    ...(problems.displayName ? [t.t('addUser.field.displayName')] : []),
    ...(emailError ? [t.t('addUser.field.email')] : []),
    ...(rolesError ? [t.t('addUser.field.roles')] : []),
  ];
  return expandCard(
    'add-user',
    {
      errorSummary: toFix.length > 0 ? t.t('addUser.fixAbove', { fields: t.list(toFix) }) : '',
      title: t.t('addUser.title'),
      intro: t.t('addUser.intro'),
      notice: notice ?? '',
      fields: {
        displayName: {
          label: t.t('addUser.field.displayName'),
          placeholder: t.t('addUser.placeholder.displayName'),
          requiredMessage: t.t('addUser.error.name.required'),
          value: draft.displayName,
          error: problems.displayName
            ? t.t(`addUser.error.name.${problems.displayName}`, { max: DISPLAY_NAME_MAX_LENGTH })
            : '',
        },
        email: {
          label: t.t('addUser.field.email'),
          placeholder: t.t('addUser.placeholder.email'),
          requiredMessage: t.t('email.problem.required'),
          value: draft.email,
          error: emailError,
        },
      },
      rolesHeading: t.t('addUser.field.roles'),
      rolesError,
      actions: [submitButton(t.t('addUser.submit'), VERBS.submit, flowId), cancelButton(turn, flowId)],
    },
    [rolePickerPart(t, { editable: grantable, selected: draft.roles.filter((roleId) => grantable.includes(roleId)) })],
  );
}

/** Particles that stay lowercase inside a name ("Jean de La Fontaine", "Ludwig van Beethoven"). */
const PARTICLES = new Set(['de', 'du', 'des', 'd', 'van', 'von', 'der', 'den', 'da', 'di', 'del', 'la', 'le']);

/**
 * A name typed all in lowercase in a chat ("ajoute léa dubois") prefills the form capitalized
 * ("Léa Dubois", "Jean-Pierre de la Fontaine"); a name with any capital is kept as typed.
 */
function capitalized(name: string): string {
  if (name !== name.toLocaleLowerCase()) return name;
  return name.replace(/\p{L}+/gu, (word, offset: number) =>
    offset > 0 && PARTICLES.has(word) ? word : word.charAt(0).toLocaleUpperCase() + word.slice(1),
  );
}

/** What the form sends: its inputs (Teams sends strings) plus the flow id. Anything else is ignored. */
const AddUserSubmit = formSubmit({ displayName: typedText(), email: typedText() });

const submit = formAction(addUserFlow, AddUserSubmit, async (turn, click) => {
  const { flow, input } = click;
  const roleInputs = rolesFromInputs(click.data);
  const draft: Draft = {
    displayName: input.displayName.slice(0, 1000),
    email: input.email.slice(0, 1000),
    roles: roleInputs.ok ? roleInputs.roles : [],
  };
  turn.flows.update(addUserFlow, { ...flow, draft, confirming: false });
  if (!roleInputs.ok) {
    const unknown = turn.t.t('rolePicker.unknownRoles', { roles: roleInputs.unknown.join(', ') });
    return addUserForm(turn, flow.id, draft, {}, unknown);
  }
  // Someone who may no longer add users goes straight to the change, where the policy refuses and audits it.
  if (!decideIn(turn.organization.read(), turn.user, { type: 'open_add_user_form' }).allowed)
    return save(turn, flow, draft);
  const problems = newUserProblems(turn.organization.read(), turn.user, draft);
  if (problems.roles?.problem === 'not_grantable') {
    // The form only offers grantable roles: one that is not was added to the card data, or the
    // admin's rights changed since. Either way it is worth a line in the audit log.
    await recordRefusedAttempt(turn, attempted(turn), 'role_not_grantable');
  }
  if (hasProblems(problems)) return addUserForm(turn, flow.id, draft, problems);
  const privileged = privilegedRoles(draft.roles);
  if (privileged.length > 0) {
    turn.flows.update(addUserFlow, { ...flow, draft, confirming: true });
    return privilegedConfirmationCard(turn, {
      name: draft.displayName.trim(),
      roles: privileged,
      flowId: flow.id,
      confirmVerb: VERBS.confirm,
      confirmLabel: turn.t.t('addUser.confirm.yes'),
      backVerb: VERBS.back,
      facts: userFacts(turn, draft),
      timeBound: true,
      ...(needsApproval(turn, draft) ? { approval: {} } : {}),
    });
  }
  return save(turn, flow, draft);
});

/** The Global admin role waits for a second Global admin where the organization's rule says so. */
function needsApproval(turn: MemberTurn, draft: Draft): boolean {
  return draft.roles.includes('global_admin') && approvalNeeded(turn.organization.read());
}

function userFacts(
  turn: MemberTurn,
  user: { displayName: string; email: string; roles: readonly RoleId[] },
  status?: string,
) {
  const { t } = turn;
  return [
    { title: t.t('addUser.field.displayName'), value: escapeMarkdown(user.displayName.trim()) },
    { title: t.t('addUser.field.email'), value: escapeMarkdown(user.email.trim().toLowerCase()) },
    { title: t.t('addUser.field.roles'), value: t.list(user.roles.map((roleId) => t.t(`role.${roleId}.name`))) },
    ...(status ? [{ title: t.t('addUser.field.status'), value: status }] : []),
  ];
}

const ConfirmData = FlowOnly.extend({
  duration: z.enum(GRANT_DURATIONS).optional().default('permanent'),
  reason: z.string().max(2000).optional(),
});

const confirm = formAction(addUserFlow, ConfirmData, async (turn, click) => {
  const { flow, input } = click;
  if (!flow.confirming || !flow.draft) return closedFormCard(turn, flow.id);
  const until = grantEnd(input.duration, new Date());
  if (!needsApproval(turn, flow.draft)) return save(turn, flow, flow.draft, until);
  const reason = (input.reason ?? '').trim().slice(0, 300);
  if (!reason)
    return privilegedConfirmationCard(turn, {
      name: flow.draft.displayName.trim(),
      roles: privilegedRoles(flow.draft.roles),
      flowId: flow.id,
      confirmVerb: VERBS.confirm,
      confirmLabel: turn.t.t('addUser.confirm.yes'),
      backVerb: VERBS.back,
      facts: userFacts(turn, flow.draft),
      timeBound: true,
      approval: { notice: turn.t.t('accessRequest.reasonRequired') },
    });
  return saveAskingApproval(turn, flow, flow.draft, reason, until);
});

/** The user is added without the Global admin role, which is asked of a second Global admin. */
async function saveAskingApproval(
  turn: MemberTurn,
  flow: AddUserFlow,
  draft: Draft,
  reason: string,
  until: string | undefined,
): Promise<CardJson> {
  const { t } = turn;
  const outcome = await attemptChange(
    turn,
    attempted(turn),
    (current, now) => addUserAskingApproval(current, turn.user.id, draft, reason, now, until ? { until } : {}),
    { invalid: NewUserInvalidError },
  );
  if (outcome.kind !== 'saved') return answerNotSaved(turn, flow, draft, outcome);
  const { user, request } = outcome.result;
  const sent = await sendForApproval(turn.notifier, turn.organization.read(), request);
  return finishWith(
    turn,
    flow.id,
    noticeCard({
      title: t.t('addUser.done.title', { name: escapeMarkdown(user.displayName) }),
      tone: 'good',
      facts: [
        ...userFacts(
          turn,
          { displayName: user.displayName, email: user.email ?? '', roles: user.roles },
          t.t('userStatus.invited'),
        ),
        { title: t.t('privilegedAccess.waiting'), value: t.t('role.global_admin.name') },
        ...(sent.told.length > 0
          ? [{ title: t.t('accessRequest.sent.told'), value: escapeMarkdown(t.list(sent.told)) }]
          : []),
        ...(sent.unreachable.length > 0
          ? [{ title: t.t('accessRequest.sent.unreachable'), value: escapeMarkdown(t.list(sent.unreachable)) }]
          : []),
      ],
      paragraphs: [t.t(sent.told.length > 0 ? 'accessRequest.sent.body' : 'accessRequest.sent.nobodyReached')],
    }),
  );
}

const back = formAction(addUserFlow, FlowOnly, async (turn, click) => {
  const { flow } = click;
  turn.flows.update(addUserFlow, { ...flow, confirming: false });
  return addUserForm(turn, flow.id, flow.draft ?? EMPTY_DRAFT, {});
});

/** The moment of the change: the store runs addUser against the latest data, policy included. */
async function save(turn: MemberTurn, flow: AddUserFlow, draft: Draft, until?: string): Promise<CardJson> {
  const { t } = turn;
  const outcome = await attemptChange(
    turn,
    attempted(turn),
    (current, now) => addUserChange(current, turn.user.id, draft, now, until ? { until } : {}),
    {
      invalid: NewUserInvalidError,
    },
  );
  switch (outcome.kind) {
    case 'saved': {
      const user = outcome.result;
      turn.logger.info({ userId: turn.user.id, addedUserId: user.id }, 'user added');
      return finishWith(
        turn,
        flow.id,
        noticeCard({
          title: t.t('addUser.done.title', { name: escapeMarkdown(user.displayName) }),
          tone: 'good',
          facts: userFacts(
            turn,
            { displayName: user.displayName, email: user.email ?? '', roles: user.roles },
            t.t('userStatus.invited'),
          ),
          paragraphs: [t.t('addUser.done.nextSteps', { name: escapeMarkdown(user.displayName) })],
          actions: [
            commandAction(t.t('addUser.done.addAnother'), 'add_user'),
            commandAction(t.t('addUser.done.assignRoles'), 'assign_roles', { userId: user.id }),
          ],
        }),
      );
    }
    default:
      return answerNotSaved(turn, flow, draft, outcome);
  }
}

/** What the form answers when the user was not added: the problems, the refusal, the write that failed. */
function answerNotSaved(
  turn: MemberTurn,
  flow: AddUserFlow,
  draft: Draft,
  outcome: Exclude<ChangeOutcome<unknown, NewUserInvalidError>, { kind: 'saved' }>,
): CardJson {
  const { t } = turn;
  switch (outcome.kind) {
    case 'invalid':
      // Another admin added the same email between the check and the save: back to the form.
      turn.flows.update(addUserFlow, { ...flow, draft, confirming: false });
      return addUserForm(turn, flow.id, draft, outcome.error.problems);
    case 'refused':
      return finishWith(
        turn,
        flow.id,
        noticeCard({
          title: t.t('addUser.refused.title'),
          tone: 'attention',
          paragraphs: [explainDenial(turn, outcome.decision, outcome.action)],
        }),
      );
    case 'not_saved':
      return notSavedCard(turn);
    case 'stale':
    case 'gone': {
      // Adding a user changes no existing record: neither can happen, and neither is left unanswered.
      const card = noticeCard({
        title: t.t('addUser.refused.title'),
        tone: 'attention',
        paragraphs: [t.t('errors.generic')],
      });
      return finishWith(turn, flow.id, card);
    }
  }
}

export const addUser: Conversation = {
  name: 'add-user',
  policy: ['open_add_user_form'],
  flows: [addUserFlow],
  offeredWhen: { add_user: () => ({ type: 'open_add_user_form' }) },
  help: [{ intent: 'add_user', order: 20 }],
  intents: {
    add_user: (turn, { entities }) =>
      startAddUser(turn, {
        ...(entities.displayName ? { displayName: capitalized(entities.displayName) } : {}),
        ...(entities.emails?.[0] ? { email: entities.emails[0] } : {}),
        roles: entities.roles ?? [],
      }),
  },
  cardActions: { [VERBS.submit]: submit, [VERBS.confirm]: confirm, [VERBS.back]: back },
};
