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
import { attemptChange, finishWith, notSavedCard } from '../src/conversation/changes.js';
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
import { privilegedConfirmationCard } from '../src/conversation/parts/privilegedConfirmation.js';
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
    });
  }
  return save(turn, flow, draft);
});

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

const confirm = formAction(addUserFlow, FlowOnly, async (turn, click) => {
  const { flow } = click;
  if (!flow.confirming || !flow.draft) return closedFormCard(turn, flow.id);
  return save(turn, flow, flow.draft);
});

const back = formAction(addUserFlow, FlowOnly, async (turn, click) => {
  const { flow } = click;
  turn.flows.update(addUserFlow, { ...flow, confirming: false });
  return addUserForm(turn, flow.id, flow.draft ?? EMPTY_DRAFT, {});
});

/** The moment of the change: the store runs addUser against the latest data, policy included. */
async function save(turn: MemberTurn, flow: AddUserFlow, draft: Draft): Promise<CardJson> {
  const { t } = turn;
  const outcome = await attemptChange(
    turn,
    attempted(turn),
    (current, now) => addUserChange(current, turn.user.id, draft, now),
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
