import { z } from 'zod';
import { DISPLAY_NAME_MAX_LENGTH } from '../src/accounts/addUser.js';
import {
  homeCountry,
  ProfileInputError,
  sectionBasis,
  type FieldProblems,
} from '../src/accounts/organizationProfile.js';
import {
  checkSecurityContact,
  updateSecurityContact,
  type SecurityContactInput,
} from '../src/accounts/updateSecurityContact.js';
import type { Contact } from '../src/store/schema.js';
import { attemptChange, finishWith, usualOutcomeCard } from '../src/conversation/changes.js';
import type { Conversation } from '../src/conversation/descriptor.js';
import { defineFlow } from '../src/conversation/flows.js';
import { cancelButton, formAction, formSubmit, openForm, submitButton, typedText } from '../src/conversation/forms.js';
import { noticeCard } from '../src/conversation/notice.js';
import { profileFormCard } from '../src/conversation/parts/profileForm.js';
import { contactLine } from '../src/conversation/parts/profileLines.js';
import { onOrganization } from '../src/conversation/refusals.js';
import { escapeMarkdown } from '../src/conversation/text.js';
import type { CardJson, MemberTurn } from '../src/conversation/turn.js';

/**
 * "Change our security contact": whom Microsoft alerts about security incidents (Legal info →
 * Security contact → Update; CSP, Global admin only). The form advises a distribution list and a
 * phone staffed 24×7, and says that this change, unlike the legal profile's or the primary
 * contact's, does not start a new verification of the account.
 */
const VERBS = { save: 'security_contact.save' } as const;

const securityFlow = defineFlow('security_contact', { basis: z.string().max(5_000) });

const attempted = (turn: MemberTurn) => onOrganization(turn, 'organization.security_contact_changed');

function asInput(contact: Contact | undefined): SecurityContactInput {
  return {
    firstName: contact?.firstName ?? '',
    middleName: contact?.middleName ?? '',
    lastName: contact?.lastName ?? '',
    email: contact?.email ?? '',
    phone: contact?.phone ?? '',
  };
}

function securityForm(
  turn: MemberTurn,
  flowId?: string,
  typed?: SecurityContactInput,
  problems: FieldProblems = {},
  notice?: string,
): CardJson {
  const { t } = turn;
  const current = turn.organization.read().organization.profile.securityContact;
  const id = flowId ?? turn.flows.start(securityFlow, { basis: sectionBasis(current) }).id;
  const value = typed ?? asInput(current);
  const name = (field: 'firstName' | 'middleName' | 'lastName', required: boolean) => ({
    kind: 'text' as const,
    id: field,
    value: value[field],
    maxLength: DISPLAY_NAME_MAX_LENGTH,
    required,
  });
  return profileFormCard(turn, {
    title: t.t('securityContact.title'),
    paragraphs: [...(notice ? [notice] : []), t.t('securityContact.intro')],
    fields: [
      name('firstName', true),
      name('middleName', false),
      name('lastName', true),
      { kind: 'text', id: 'email', style: 'Email', value: value.email, maxLength: 254, required: true },
      { kind: 'text', id: 'phone', style: 'Tel', value: value.phone, maxLength: 40, required: true },
    ],
    problems,
    note: t.t('securityContact.note'),
    actions: [submitButton(t.t('common.save'), VERBS.save, id), cancelButton(turn, id)],
  });
}

async function start(turn: MemberTurn): Promise<void> {
  await openForm(
    turn,
    { policy: { type: 'update_org_section', section: 'security_contact' }, attempted: attempted(turn) },
    () => securityForm(turn),
  );
}

const SaveData = formSubmit({
  firstName: typedText(),
  middleName: typedText(),
  lastName: typedText(),
  email: typedText(),
  phone: typedText(),
});

const save = formAction(securityFlow, SaveData, async (turn, { flow, input }) => {
  const { t } = turn;
  const typed: SecurityContactInput = {
    firstName: input.firstName.slice(0, 1000),
    middleName: input.middleName.slice(0, 1000),
    lastName: input.lastName.slice(0, 1000),
    email: input.email.slice(0, 1000),
    phone: input.phone.slice(0, 1000),
  };
  const { problems } = checkSecurityContact(typed, homeCountry(turn.organization.read()));
  if (Object.keys(problems).length > 0) return securityForm(turn, flow.id, typed, problems);
  const outcome = await attemptChange(
    turn,
    attempted(turn),
    (current) => updateSecurityContact(current, turn.user.id, typed, flow.basis),
    { invalid: ProfileInputError },
  );
  switch (outcome.kind) {
    case 'saved':
      return finishWith(
        turn,
        flow.id,
        noticeCard({
          title: t.t('securityContact.done'),
          tone: 'good',
          facts: [{ title: t.t('securityContact.label'), value: escapeMarkdown(contactLine(outcome.result)) }],
          paragraphs: [t.t('securityContact.noVerification')],
        }),
      );
    case 'invalid':
      return securityForm(turn, flow.id, typed, outcome.error.problems);
    case 'stale':
      return securityForm(turn, undefined, undefined, {}, t.t('profileForm.stale'));
    default:
      return usualOutcomeCard(turn, flow.id, outcome, t.t('profileForm.refusedTitle'));
  }
});

export const securityContact: Conversation = {
  name: 'security-contact',
  policy: ['update_org_section'],
  flows: [securityFlow],
  offeredWhen: { update_security_contact: () => ({ type: 'update_org_section', section: 'security_contact' }) },
  intents: { update_security_contact: (turn) => start(turn) },
  cardActions: { [VERBS.save]: save },
};
