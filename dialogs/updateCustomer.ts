import { z } from 'zod';
import { countryChoices } from '../src/accounts/countries.js';
import { CustomerInputError } from '../src/accounts/customerDetails.js';
import { updateCustomer, type CustomerUpdate } from '../src/accounts/updateCustomer.js';
import { PLACE_MAX_LENGTH } from '../src/accounts/profileFields.js';
import type { Customer } from '../src/store/schema.js';
import { attemptChange, finishWith, usualOutcomeCard } from '../src/conversation/changes.js';
import type { Conversation } from '../src/conversation/descriptor.js';
import { defineFlow, type FlowOf } from '../src/conversation/flows.js';
import { cancelButton, formAction, formSubmit, openForm, submitButton, typedText } from '../src/conversation/forms.js';
import { noticeCard } from '../src/conversation/notice.js';
import { customerCard, customerPickerCard, customersRequested } from '../src/conversation/parts/customers.js';
import { profileFormCard } from '../src/conversation/parts/profileForm.js';
import { allowedOrExplained, type AttemptedChange } from '../src/conversation/refusals.js';
import { escapeMarkdown } from '../src/conversation/text.js';
import type { CardJson, MemberTurn } from '../src/conversation/turn.js';

/**
 * "Update Tailspin's address", "change Fabrikam's contact", "Northwind accepted the customer
 * agreement": a customer's account details (Customers → customer → Account → Update), one group
 * per form so each fits Teams: the company (legal name and address), the contact, or the Microsoft
 * Customer Agreement acceptance. Which form a request opens follows its words; the customer's card
 * offers the company form with links to the others. Global admin and Sales agent (§6).
 */
const VERBS = { save: 'update_customer.save', open: 'update_customer.open' } as const;
const PARTS = ['company', 'contact', 'agreement'] as const;
type Part = (typeof PARTS)[number];

const updateFlow = defineFlow('update_customer', {
  customerId: z.string().min(1).max(64),
  revision: z.number().int().nonnegative(),
  part: z.enum(PARTS),
});

const attempted = (customerId: string, part: Part): AttemptedChange => ({
  action: `customer.${part}_updated`,
  target: { type: 'customer', id: customerId },
});

/** Which form a typed request asks for: its words of contact or agreement, else the company's. */
function partAsked(text: string | undefined): Part {
  const words = (text ?? '').normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  if (/\b(agreement|mca|contrat|accord|accepte|accepted|signed|signe)\b/.test(words)) return 'agreement';
  if (/\b(contact|interlocuteur|phone|telephone|tel)\b/.test(words)) return 'contact';
  return 'company';
}

const FIELDS: Record<Part, readonly string[]> = {
  company: ['companyName', 'line1', 'line2', 'city', 'state', 'postalCode', 'country'],
  contact: ['contactFirstName', 'contactLastName', 'contactEmail', 'contactPhone'],
  agreement: ['agreementBy', 'agreementEmail', 'agreementDate'],
};

function currentValues(customer: Customer, part: Part): Record<string, string> {
  switch (part) {
    case 'company':
      return {
        companyName: customer.companyName,
        line1: customer.address?.line1 ?? '',
        line2: customer.address?.line2 ?? '',
        city: customer.address?.city ?? '',
        state: customer.address?.state ?? '',
        postalCode: customer.address?.postalCode ?? '',
        country: customer.address?.country ?? '',
      };
    case 'contact':
      return {
        contactFirstName: customer.contact?.firstName ?? '',
        contactLastName: customer.contact?.lastName ?? '',
        contactEmail: customer.contact?.email ?? '',
        contactPhone: customer.contact?.phone ?? '',
      };
    case 'agreement':
      return {
        agreementBy: customer.agreement?.acceptedBy ?? '',
        agreementEmail: customer.agreement?.email ?? '',
        agreementDate: customer.agreement?.acceptedOn ?? '',
      };
  }
}

const OPTIONAL = new Set(['line2', 'state', 'postalCode', 'contactPhone']);

function form(
  turn: MemberTurn,
  flow: FlowOf<typeof updateFlow>,
  customer: Customer,
  typed: Record<string, string>,
  problems: Record<string, string> = {},
  formError = '',
): CardJson {
  const { t } = turn;
  const field = (id: string) => {
    if (id === 'country')
      return {
        kind: 'choice' as const,
        id,
        value: typed[id] ?? '',
        choices: countryChoices(t.language),
        required: true,
      };
    if (id === 'agreementDate') return { kind: 'date' as const, id, value: typed[id] ?? '', required: true };
    const style = /Email$/.test(id) ? ('Email' as const) : id === 'contactPhone' ? ('Tel' as const) : undefined;
    return {
      kind: 'text' as const,
      id,
      value: typed[id] ?? '',
      maxLength: id === 'companyName' || id.startsWith('line') ? 200 : id.endsWith('Email') ? 254 : PLACE_MAX_LENGTH,
      required: !OPTIONAL.has(id),
      ...(style ? { style } : {}),
    };
  };
  const others = PARTS.filter((part) => part !== flow.part).map((part) => ({
    type: 'Action.Execute',
    title: t.t(`updateCustomer.open.${part}`),
    verb: VERBS.open,
    data: { flowId: flow.id, part },
    associatedInputs: 'none',
  }));
  return profileFormCard(turn, {
    title: t.t(`updateCustomer.title.${flow.part}`, { company: escapeMarkdown(customer.companyName) }),
    paragraphs: [t.t(`updateCustomer.intro.${flow.part}`)],
    fields: FIELDS[flow.part].map(field),
    problems,
    formError,
    actions: [submitButton(t.t('common.save'), VERBS.save, flow.id), ...others, cancelButton(turn, flow.id)],
  });
}

async function start(turn: MemberTurn, customer: Customer, part: Part): Promise<void> {
  await openForm(turn, { policy: { type: 'update_customer' }, attempted: attempted(customer.id, part) }, () => {
    const flow = turn.flows.start(updateFlow, { customerId: customer.id, revision: customer.revision, part });
    return form(turn, flow, customer, currentValues(customer, part));
  });
}

const customerOf = (turn: MemberTurn, id: string) =>
  turn.organization.read().customers.find((customer) => customer.id === id);

const open = formAction(
  updateFlow,
  z.object({ flowId: z.string().max(64), part: z.enum(PARTS) }).passthrough(),
  async (turn, { flow, input }) => {
    const customer = customerOf(turn, flow.customerId);
    if (!customer)
      return finishWith(turn, flow.id, noticeCard({ title: turn.t.t('customer.unknown'), tone: 'attention' }));
    const moved = { ...flow, part: input.part, revision: customer.revision };
    turn.flows.update(updateFlow, moved);
    return form(turn, moved, customer, currentValues(customer, input.part));
  },
);

const SaveSubmit = formSubmit({
  companyName: typedText(),
  line1: typedText(),
  line2: typedText(),
  city: typedText(),
  state: typedText(),
  postalCode: typedText(),
  country: typedText(),
  contactFirstName: typedText(),
  contactLastName: typedText(),
  contactEmail: typedText(),
  contactPhone: typedText(),
  agreementBy: typedText(),
  agreementEmail: typedText(),
  agreementDate: typedText(),
});

const readText = (value: unknown) => (typeof value === 'string' ? value.slice(0, 1000) : '');

const save = formAction(updateFlow, SaveSubmit, async (turn, { flow, input }) => {
  const { t } = turn;
  const customer = customerOf(turn, flow.customerId);
  if (!customer) return finishWith(turn, flow.id, noticeCard({ title: t.t('customer.unknown'), tone: 'attention' }));
  const typed = Object.fromEntries(FIELDS[flow.part].map((id) => [id, readText(input[id as keyof typeof input])]));
  const update: CustomerUpdate =
    flow.part === 'company'
      ? {
          part: 'company',
          input: {
            companyName: typed.companyName!,
            line1: typed.line1!,
            line2: typed.line2!,
            city: typed.city!,
            state: typed.state!,
            postalCode: typed.postalCode!,
            country: typed.country!,
          },
        }
      : flow.part === 'contact'
        ? {
            part: 'contact',
            input: {
              firstName: typed.contactFirstName!,
              lastName: typed.contactLastName!,
              email: typed.contactEmail!,
              phone: typed.contactPhone!,
            },
          }
        : {
            part: 'agreement',
            input: { acceptedBy: typed.agreementBy!, email: typed.agreementEmail!, acceptedOn: typed.agreementDate! },
          };
  const outcome = await attemptChange(
    turn,
    attempted(customer.id, flow.part),
    (current, now) => updateCustomer(current, turn.user.id, customer.id, flow.revision, update, now),
    { invalid: CustomerInputError },
  );
  switch (outcome.kind) {
    case 'saved':
      return finishWith(
        turn,
        flow.id,
        customerCard(turn, outcome.result, {
          title: t.t(`updateCustomer.done.${flow.part}`, { company: escapeMarkdown(outcome.result.companyName) }),
          tone: 'good',
        }),
      );
    case 'invalid':
      if (outcome.error.problems.customer)
        return finishWith(turn, flow.id, noticeCard({ title: t.t('updateCustomer.ended'), tone: 'attention' }));
      return form(turn, flow, customer, typed, outcome.error.problems);
    case 'stale': {
      const fresh = { ...flow, revision: customer.revision };
      turn.flows.update(updateFlow, fresh);
      return form(turn, fresh, customer, currentValues(customer, flow.part), {}, t.t('updateCustomer.stale'));
    }
    default:
      return usualOutcomeCard(turn, flow.id, outcome, t.t('updateCustomer.refusedTitle'));
  }
});

export const updateCustomerConversation: Conversation = {
  name: 'update-customer',
  policy: ['update_customer'],
  flows: [updateFlow],
  offeredWhen: { update_customer: () => ({ type: 'update_customer' }) },
  intents: {
    update_customer: async (turn, request) => {
      const part = partAsked(request.text);
      if (!(await allowedOrExplained(turn, { type: 'update_customer' }, attempted('unknown', part)))) return;
      const named = customersRequested(turn, request, ['active', 'invited']);
      if (named.length === 1) return start(turn, named[0]!, part);
      const candidates =
        named.length > 1
          ? named
          : turn.organization.read().customers.filter((customer) => customer.relationship.status !== 'ended');
      if (candidates.length === 0) {
        await turn.say(turn.t.t('customer.list.noneActive'));
        return;
      }
      await turn.sendCard(
        customerPickerCard(turn, 'update_customer', candidates, turn.t.t('customer.picker.title.update_customer')),
      );
    },
  },
  cardActions: { [VERBS.save]: save, [VERBS.open]: open },
};
