import { z } from 'zod';
import { DISPLAY_NAME_MAX_LENGTH } from '../src/accounts/addUser.js';
import {
  homeCountry,
  ProfileInputError,
  sectionBasis,
  type FieldProblems,
} from '../src/accounts/organizationProfile.js';
import {
  checkContact,
  updatePrimaryContact,
  verificationAfterContactChange,
  type ContactInput,
} from '../src/accounts/updatePrimaryContact.js';
import type { Contact } from '../src/store/schema.js';
import { attemptChange, finishWith, usualOutcomeCard } from '../src/conversation/changes.js';
import type { Conversation } from '../src/conversation/descriptor.js';
import { defineFlow, type FlowOf } from '../src/conversation/flows.js';
import {
  backButton,
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
import { checklistFollowUp } from '../src/conversation/parts/checklistFollowUp.js';
import { profileFormCard } from '../src/conversation/parts/profileForm.js';
import { contactLine } from '../src/conversation/parts/profileLines.js';
import { onlyPersonNamed } from '../src/conversation/people.js';
import { onOrganization } from '../src/conversation/refusals.js';
import { escapeMarkdown } from '../src/conversation/text.js';
import type { CardJson, MemberTurn } from '../src/conversation/turn.js';

/**
 * "Update the primary contact": the person Microsoft writes to about the account's verification.
 * The form says that a change can make Microsoft verify the account again; when the account is
 * verified (or rejected) the admin confirms first, because its status goes back to pending.
 */
const VERBS = {
  submit: 'primary_contact.submit',
  confirm: 'primary_contact.confirm',
  back: 'primary_contact.back',
} as const;

const Typed = z.object({
  firstName: z.string().max(1000),
  lastName: z.string().max(1000),
  email: z.string().max(1000),
  phone: z.string().max(1000),
});

const contactFlow = defineFlow('primary_contact', {
  /** The section as the form showed it (stale-card check). */
  basis: z.string().max(5_000),
  /** Typed and valid, waiting for the admin to accept that Microsoft may verify the account again. */
  pending: Typed.optional(),
});
type ContactFlow = FlowOf<typeof contactFlow>;

const attempted = (turn: MemberTurn) => onOrganization(turn, 'organization.primary_contact_changed');

/**
 * `prefill`: what a one-line request gave. "Set the primary contact to Megan" fills in Megan's name
 * and work email from her user record; a phone or an email typed in the request fills those.
 */
async function start(turn: MemberTurn, prefill: { userId?: string; email?: string; phone?: string }): Promise<void> {
  await openForm(
    turn,
    { policy: { type: 'update_org_section', section: 'primary_contact' }, attempted: attempted(turn) },
    () => {
      const person = prefill.userId ? turn.organization.userById(prefill.userId) : undefined;
      const [firstName = '', ...rest] = person && person.status !== 'removed' ? person.displayName.split(' ') : [];
      const fromRequest: Partial<ContactInput> = {
        ...(firstName ? { firstName, lastName: rest.join(' ') } : {}),
        ...(person?.email ? { email: person.email } : {}),
        ...(prefill.email ? { email: prefill.email } : {}),
        ...(prefill.phone ? { phone: prefill.phone } : {}),
      };
      const current = turn.organization.read().organization.profile.primaryContact;
      const typed = Object.keys(fromRequest).length > 0 ? { ...asInput(current), ...fromRequest } : undefined;
      return contactForm(turn, undefined, typed, {}, typed ? turn.t.t('profileForm.prefilled') : undefined);
    },
  );
}

function asInput(contact: Contact | undefined): ContactInput {
  return {
    firstName: contact?.firstName ?? '',
    lastName: contact?.lastName ?? '',
    email: contact?.email ?? '',
    phone: contact?.phone ?? '',
  };
}

function contactForm(
  turn: MemberTurn,
  flowId?: string,
  typed?: ContactInput,
  problems: FieldProblems = {},
  notice?: string,
): CardJson {
  const { t } = turn;
  const current = turn.organization.read().organization.profile.primaryContact;
  const id = flowId ?? turn.flows.start(contactFlow, { basis: sectionBasis(current) }).id;
  const value = typed ?? asInput(current);
  return profileFormCard(turn, {
    title: t.t('primaryContact.title'),
    paragraphs: [...(notice ? [notice] : []), t.t('primaryContact.intro')],
    fields: [
      { kind: 'text', id: 'firstName', value: value.firstName, maxLength: DISPLAY_NAME_MAX_LENGTH, required: true },
      { kind: 'text', id: 'lastName', value: value.lastName, maxLength: DISPLAY_NAME_MAX_LENGTH, required: true },
      { kind: 'text', id: 'email', style: 'Email', value: value.email, maxLength: 254, required: true },
      { kind: 'text', id: 'phone', style: 'Tel', value: value.phone, maxLength: 40, required: true },
    ],
    problems,
    note: t.t('primaryContact.verificationNote'),
    actions: [submitButton(t.t('common.save'), VERBS.submit, id), cancelButton(turn, id)],
  });
}

const SubmitData = formSubmit({
  firstName: typedText(),
  lastName: typedText(),
  email: typedText(),
  phone: typedText(),
});

const submit = formAction(contactFlow, SubmitData, async (turn, click) => {
  const { flow, input } = click;
  const typed: ContactInput = {
    firstName: input.firstName.slice(0, 1000),
    lastName: input.lastName.slice(0, 1000),
    email: input.email.slice(0, 1000),
    phone: input.phone.slice(0, 1000),
  };
  const document = turn.organization.read();
  const { problems } = checkContact(typed, homeCountry(document));
  if (Object.keys(problems).length > 0) return contactForm(turn, flow.id, typed, problems);
  const status = document.organization.profile.verification.status;
  if (verificationAfterContactChange(status) === status) return save(turn, flow, typed);
  // A verified account goes back to pending: the admin says yes to that first.
  turn.flows.update(contactFlow, { ...flow, pending: typed });
  const { t } = turn;
  return noticeCard({
    title: t.t('primaryContact.confirm.title'),
    tone: 'warning',
    facts: [
      {
        title: t.t('primaryContact.current'),
        value: escapeMarkdown(contactLine(document.organization.profile.primaryContact) || t.t('common.none')),
      },
      { title: t.t('primaryContact.new'), value: escapeMarkdown(contactLine(typed)) },
    ],
    paragraphs: [
      t.t('primaryContact.confirm.body', {
        status: t.t(`verification.${status}.label`),
        next: t.t('verification.pending.label'),
      }),
    ],
    actions: [
      submitButton(t.t('common.save'), VERBS.confirm, flow.id),
      backButton(turn, VERBS.back, flow.id),
      cancelButton(turn, flow.id),
    ],
  });
});

async function save(turn: MemberTurn, flow: ContactFlow, typed: ContactInput): Promise<CardJson> {
  const { t } = turn;
  const outcome = await attemptChange(
    turn,
    attempted(turn),
    (current, now) => updatePrimaryContact(current, turn.user.id, typed, flow.basis, now),
    { invalid: ProfileInputError },
  );
  switch (outcome.kind) {
    case 'saved': {
      const { contact, verification } = outcome.result;
      return finishWith(
        turn,
        flow.id,
        noticeCard({
          title: t.t('primaryContact.done'),
          tone: 'good',
          facts: [
            { title: t.t('primaryContact.new'), value: escapeMarkdown(contactLine(contact)) },
            {
              title: t.t('orgProfile.field.verification'),
              value: t.t('orgProfile.verificationValue', {
                label: t.t(`verification.${verification}.label`),
                meaning: t.t(`verification.${verification}.meaning`),
              }),
            },
          ],
          paragraphs: [t.t('primaryContact.monitored')],
          actions: checklistFollowUp(turn, flow),
        }),
      );
    }
    case 'invalid':
      return contactForm(turn, flow.id, typed, outcome.error.problems);
    case 'stale':
      return contactForm(turn, undefined, undefined, {}, t.t('profileForm.stale'));
    default:
      return usualOutcomeCard(turn, flow.id, outcome, t.t('profileForm.refusedTitle'));
  }
}

const confirm = formAction(contactFlow, FlowOnly, async (turn, click) => {
  if (!click.flow.pending) return closedFormCard(turn, click.flow.id);
  return save(turn, click.flow, click.flow.pending);
});

const back = formAction(contactFlow, FlowOnly, async (turn, click) => {
  const { pending, ...flow } = click.flow;
  turn.flows.update(contactFlow, flow);
  return contactForm(turn, flow.id, pending);
});

export const primaryContact: Conversation = {
  name: 'primary-contact',
  policy: ['update_org_section'],
  flows: [contactFlow],
  offeredWhen: { update_primary_contact: () => ({ type: 'update_org_section', section: 'primary_contact' }) },
  intents: {
    update_primary_contact: (turn, request) => {
      const userId = onlyPersonNamed(request);
      return start(turn, {
        ...(userId ? { userId } : {}),
        ...(request.entities.emails?.[0] ? { email: request.entities.emails[0] } : {}),
        ...(request.entities.phone ? { phone: request.entities.phone } : {}),
      });
    },
  },
  cardActions: { [VERBS.submit]: submit, [VERBS.confirm]: confirm, [VERBS.back]: back },
};
