import { z } from 'zod';
import { homeCountry, ProfileInputError, sectionBasis, type FieldProblems } from '../src/accounts/organizationProfile.js';
import { checkContact, updatePrimaryContact, verificationAfterContactChange, type ContactInput } from '../src/accounts/updatePrimaryContact.js';
import { DISPLAY_NAME_MAX_LENGTH } from '../src/accounts/addUser.js';
import { attemptChange } from '../src/bot/changes.js';
import { executeAction } from '../src/bot/cardActions.js';
import { CANCEL_VERB, type CardActionHandlers } from '../src/bot/cardRouter.js';
import { admitToForm, closedFormCard, FlowOnly, openFlowFor, setAsideNote } from '../src/bot/flowCards.js';
import { noticeCard, sendCard } from '../src/bot/notice.js';
import { notSavedCard, profileFormCard } from '../src/bot/profileForm.js';
import { escapeMarkdown } from '../src/bot/text.js';
import type { Flow } from '../src/bot/flows.js';
import type { CardJson, MemberTurn } from '../src/bot/turn.js';
import type { Contact } from '../src/store/schema.js';
import { afterStep } from './onboarding.js';
import { contactLine } from './orgProfile.js';

/**
 * "Update the primary contact": the person Microsoft writes to about the account's verification.
 * The form says that a change can make Microsoft verify the account again; when the account is
 * verified (or rejected) the admin confirms first, because its status goes back to pending.
 */
export const VERBS = { submit: 'primary_contact.submit', confirm: 'primary_contact.confirm', back: 'primary_contact.back' } as const;

type ContactFlow = Extract<Flow, { kind: 'primary_contact' }>;

/**
 * `prefill`: what a one-line request gave. "Set the primary contact to Megan" fills in Megan's name
 * and work email from her user record; a phone or an email typed in the request fills those.
 */
export async function startPrimaryContact(turn: MemberTurn, prefill: { userId?: string; email?: string; phone?: string } = {}): Promise<void> {
  if (!(await admitToForm(turn, { type: 'update_org_section', section: 'primary_contact' }, { action: 'organization.primary_contact_changed', target: { type: 'organization', id: turn.organization.tenantId } }))) return;
  const aside = setAsideNote(turn, turn.flows.close());
  if (aside) await turn.context.sendActivity(aside);
  const person = prefill.userId ? turn.organization.userById(prefill.userId) : undefined;
  const [firstName = '', ...rest] = person && person.status !== 'removed' ? person.displayName.split(' ') : [];
  const fromRequest: Partial<ContactInput> = {
    ...(firstName ? { firstName, lastName: rest.join(' ') } : {}),
    ...(person?.email ? { email: person.email } : {}),
    ...(prefill.email ? { email: prefill.email } : {}),
    ...(prefill.phone ? { phone: prefill.phone } : {}),
  };
  const typed = Object.keys(fromRequest).length > 0 ? { ...asInput(turn.organization.read().organization.profile.primaryContact), ...fromRequest } : undefined;
  await sendCard(turn, contactForm(turn, undefined, typed, {}, typed ? turn.t.t('profileForm.prefilled') : undefined));
}

function asInput(contact: Contact | undefined): ContactInput {
  return { firstName: contact?.firstName ?? '', lastName: contact?.lastName ?? '', email: contact?.email ?? '', phone: contact?.phone ?? '' };
}

function contactForm(turn: MemberTurn, flowId?: string, typed?: ContactInput, problems: FieldProblems = {}, notice?: string): CardJson {
  const { t } = turn;
  const current = turn.organization.read().organization.profile.primaryContact;
  const flow = flowId ? { id: flowId } : turn.flows.start({ kind: 'primary_contact', basis: sectionBasis(current) });
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
    actions: [
      executeAction(t.t('common.save'), VERBS.submit, { flowId: flow.id }, { style: 'positive' }),
      executeAction(t.t('common.cancel'), CANCEL_VERB, { flowId: flow.id }, { withInputs: false }),
    ],
  });
}

const SubmitData = z
  .object({
    flowId: z.string().max(64),
    firstName: z.string().max(10_000).optional().default(''),
    lastName: z.string().max(10_000).optional().default(''),
    email: z.string().max(10_000).optional().default(''),
    phone: z.string().max(10_000).optional().default(''),
  })
  .passthrough();

async function submit(turn: MemberTurn, data: Record<string, unknown>): Promise<CardJson> {
  const opened = openFlowFor(turn, data, 'primary_contact', SubmitData);
  if (!opened.ok) return opened.card;
  const { flow, input } = opened;
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
  turn.flows.update({ ...flow, pending: typed });
  const { t } = turn;
  return noticeCard({
    title: t.t('primaryContact.confirm.title'),
    tone: 'warning',
    facts: [
      { title: t.t('primaryContact.current'), value: escapeMarkdown(contactLine(document.organization.profile.primaryContact) || t.t('common.none')) },
      { title: t.t('primaryContact.new'), value: escapeMarkdown(contactLine(typed)) },
    ],
    paragraphs: [t.t('primaryContact.confirm.body', { status: t.t(`verification.${status}.label`), next: t.t('verification.pending.label') })],
    actions: [
      executeAction(t.t('common.save'), VERBS.confirm, { flowId: flow.id }, { style: 'positive' }),
      executeAction(t.t('common.back'), VERBS.back, { flowId: flow.id }),
      executeAction(t.t('common.cancel'), CANCEL_VERB, { flowId: flow.id }),
    ],
  });
}

async function save(turn: MemberTurn, flow: ContactFlow, typed: ContactInput): Promise<CardJson> {
  const { t } = turn;
  let card: CardJson;
  try {
    const attempt = await attemptChange(turn, { action: 'organization.primary_contact_changed', target: { type: 'organization', id: turn.organization.tenantId } }, (current, now) =>
      updatePrimaryContact(current, turn.user.id, typed, flow.basis, now),
    );
    if (attempt.ok) {
      const { contact, verification } = attempt.result;
      card = noticeCard({
        title: t.t('primaryContact.done'),
        tone: 'good',
        facts: [
          { title: t.t('primaryContact.new'), value: escapeMarkdown(contactLine(contact)) },
          { title: t.t('orgProfile.field.verification'), value: t.t('orgProfile.verificationValue', { label: t.t(`verification.${verification}.label`), meaning: t.t(`verification.${verification}.meaning`) }) },
        ],
        paragraphs: [t.t('primaryContact.monitored')],
        actions: afterStep(turn),
      });
    } else if (attempt.kind === 'stale') {
      return contactForm(turn, undefined, undefined, {}, t.t('profileForm.stale'));
    } else {
      card = notSavedCard(turn, attempt);
    }
  } catch (error) {
    if (error instanceof ProfileInputError) return contactForm(turn, flow.id, typed, error.problems);
    throw error;
  }
  turn.flows.finish(flow.id, card);
  return card;
}

export const primaryContactActions: CardActionHandlers = {
  [VERBS.submit]: submit,
  [VERBS.confirm]: async (turn, data) => {
    const opened = openFlowFor(turn, data, 'primary_contact', FlowOnly);
    if (!opened.ok) return opened.card;
    if (!opened.flow.pending) return closedFormCard(turn, opened.flow.id);
    return save(turn, opened.flow, opened.flow.pending);
  },
  [VERBS.back]: async (turn, data) => {
    const opened = openFlowFor(turn, data, 'primary_contact', FlowOnly);
    if (!opened.ok) return opened.card;
    const { pending, ...flow } = opened.flow;
    turn.flows.update(flow);
    return contactForm(turn, flow.id, pending);
  },
};
