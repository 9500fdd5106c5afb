import { z } from 'zod';
import { addCustomer, type NewCustomerInput } from '../src/accounts/addCustomer.js';
import { countryChoices } from '../src/accounts/countries.js';
import {
  checkCompany,
  checkInitialDomain,
  CustomerInputError,
  customerWithDomain,
  DOMAIN_PREFIX_MAX_LENGTH,
  readyToOrder,
  type CustomerFieldProblems,
} from '../src/accounts/customerDetails.js';
import { likelyDuplicates } from '../src/accounts/customerSearch.js';
import { homeCountry } from '../src/accounts/organizationProfile.js';
import { PLACE_MAX_LENGTH } from '../src/accounts/profileFields.js';
import { attemptChange, finishWith, usualOutcomeCard } from '../src/conversation/changes.js';
import { commandAction } from '../src/conversation/cardActions.js';
import type { Conversation } from '../src/conversation/descriptor.js';
import { defineFlow, type FlowOf } from '../src/conversation/flows.js';
import {
  backButton,
  cancelButton,
  formAction,
  formSubmit,
  FlowOnly,
  openForm,
  submitButton,
  typedText,
} from '../src/conversation/forms.js';
import { customerCard } from '../src/conversation/parts/customers.js';
import { profileFormCard } from '../src/conversation/parts/profileForm.js';
import type { AttemptedChange } from '../src/conversation/refusals.js';
import { escapeMarkdown } from '../src/conversation/text.js';
import type { CardJson, MemberTurn } from '../src/conversation/turn.js';

/**
 * "Add a customer", "nouveau client": a new customer account for a company new to Microsoft's
 * cloud (Customers → Add customer), in two short forms so each fits Teams:
 * 1. the company: exact legal name, initial domain (`<prefix>.onmicrosoft.com`, unique among the
 *    partner's customers), full address with the country's rules;
 * 2. the customer's contact and the Microsoft Customer Agreement acceptance (who, their email, the
 *    day). A customer very like one already there (same country, same name but for a typo) is
 *    named above the form before anything is saved.
 * Saved in one change (the policy asked again, audited). Without the agreement the customer is
 * recorded and its card says it cannot order yet, and why. Global admin, User management admin,
 * Admin agent, Sales agent (§6).
 */
const VERBS = { next: 'add_customer.next', back: 'add_customer.back', save: 'add_customer.save' } as const;

const CompanyFields = z.object({
  companyName: z.string().max(1000),
  domainPrefix: z.string().max(1000),
  line1: z.string().max(1000),
  line2: z.string().max(1000),
  city: z.string().max(1000),
  state: z.string().max(1000),
  postalCode: z.string().max(1000),
  country: z.string().max(1000),
});
type CompanyFields = z.infer<typeof CompanyFields>;

/** What the first form gave, kept while the second is open (and shown again on Back). */
const addCustomerFlow = defineFlow('add_customer', { company: CompanyFields.optional() });

const ATTEMPTED: AttemptedChange = {
  action: 'customer.added',
  target: { type: 'customer', id: 'new' },
};

const EMPTY_COMPANY: CompanyFields = {
  companyName: '',
  domainPrefix: '',
  line1: '',
  line2: '',
  city: '',
  state: '',
  postalCode: '',
  country: '',
};

/** Partner Center asks for the partner's tax exemption step before its first customer. */
function taxStepNote(turn: MemberTurn): string[] {
  const document = turn.organization.read();
  return document.organization.onboarding?.taxExemptions ? [] : [turn.t.t('addCustomer.taxStep')];
}

function companyForm(
  turn: MemberTurn,
  flow: FlowOf<typeof addCustomerFlow>,
  typed: CompanyFields,
  problems: CustomerFieldProblems = {},
): CardJson {
  const { t } = turn;
  const text = (id: keyof CompanyFields, maxLength: number, required = true) => ({
    kind: 'text' as const,
    id,
    value: typed[id],
    maxLength,
    required,
  });
  return profileFormCard(turn, {
    title: t.t('addCustomer.title'),
    paragraphs: [t.t('addCustomer.step1'), ...taxStepNote(turn)],
    fields: [
      text('companyName', 200),
      text('domainPrefix', DOMAIN_PREFIX_MAX_LENGTH + 17),
      text('line1', 200),
      text('line2', 200, false),
      text('city', PLACE_MAX_LENGTH),
      text('state', 100, false),
      text('postalCode', 20, false),
      {
        kind: 'choice',
        id: 'country',
        value: typed.country || homeCountry(turn.organization.read()) || '',
        choices: countryChoices(t.language),
        required: true,
      },
    ],
    problems,
    note: t.t('addCustomer.addressNote'),
    actions: [submitButton(t.t('common.next'), VERBS.next, flow.id), cancelButton(turn, flow.id)],
  });
}

const ContactFields = {
  contactFirstName: typedText(),
  contactLastName: typedText(),
  contactEmail: typedText(),
  contactPhone: typedText(),
  agreementBy: typedText(),
  agreementEmail: typedText(),
  agreementDate: typedText(),
};
type ContactTyped = { [K in keyof typeof ContactFields]: string };
const EMPTY_CONTACT = Object.fromEntries(Object.keys(ContactFields).map((key) => [key, ''])) as ContactTyped;

function contactForm(
  turn: MemberTurn,
  flow: FlowOf<typeof addCustomerFlow>,
  company: CompanyFields,
  typed: ContactTyped,
  problems: CustomerFieldProblems = {},
): CardJson {
  const { t } = turn;
  const document = turn.organization.read();
  const duplicates = likelyDuplicates(document.customers, company.companyName, company.country.toUpperCase());
  const text = (id: keyof ContactTyped, maxLength: number, required: boolean, style?: 'Email' | 'Tel') => ({
    kind: 'text' as const,
    id,
    value: typed[id],
    maxLength,
    required,
    ...(style ? { style } : {}),
  });
  return profileFormCard(turn, {
    title: t.t('addCustomer.titleFor', { company: escapeMarkdown(company.companyName.trim()) }),
    paragraphs: [t.t('addCustomer.step2')],
    fields: [
      text('contactFirstName', 100, true),
      text('contactLastName', 100, true),
      text('contactEmail', 254, true, 'Email'),
      text('contactPhone', 40, false, 'Tel'),
      text('agreementBy', 100, false),
      text('agreementEmail', 254, false, 'Email'),
      { kind: 'date', id: 'agreementDate', value: typed.agreementDate },
    ],
    problems,
    // A likely duplicate is said where the admin is about to click, before anything is saved.
    formError:
      duplicates.length > 0
        ? t.t('addCustomer.duplicate', {
            names: t.list(
              duplicates.map((customer) => `${escapeMarkdown(customer.companyName)} (${customer.domains[0]})`),
            ),
          })
        : '',
    note: t.t('addCustomer.agreementNote'),
    actions: [
      submitButton(t.t('addCustomer.save'), VERBS.save, flow.id),
      backButton(turn, VERBS.back, flow.id),
      cancelButton(turn, flow.id),
    ],
  });
}

async function start(turn: MemberTurn): Promise<void> {
  await openForm(turn, { policy: { type: 'add_customer' }, attempted: ATTEMPTED }, () => {
    const flow = turn.flows.start(addCustomerFlow, {});
    return companyForm(turn, flow, EMPTY_COMPANY);
  });
}

const CompanySubmit = formSubmit({
  companyName: typedText(),
  domainPrefix: typedText(),
  line1: typedText(),
  line2: typedText(),
  city: typedText(),
  state: typedText(),
  postalCode: typedText(),
  country: typedText(),
});

/** Step 1 checked here; the domain is checked against the customers as they are now (and again on save). */
const next = formAction(addCustomerFlow, CompanySubmit, async (turn, { flow, input }) => {
  const typed = Object.fromEntries(
    Object.keys(EMPTY_COMPANY).map((key) => [key, String(input[key as keyof CompanyFields]).slice(0, 1000)]),
  ) as CompanyFields;
  const { problems } = checkCompany(typed);
  const domain = checkInitialDomain(typed.domainPrefix);
  if (!domain.ok) problems.domainPrefix = domain.problem;
  else if (customerWithDomain(turn.organization.read().customers, domain.value)) problems.domainPrefix = 'taken';
  if (Object.keys(problems).length > 0) return companyForm(turn, flow, typed, problems);
  const updated = { ...flow, company: typed };
  turn.flows.update(addCustomerFlow, updated);
  return contactForm(turn, updated, typed, EMPTY_CONTACT);
});

const back = formAction(addCustomerFlow, FlowOnly, async (turn, { flow }) =>
  companyForm(turn, flow, flow.company ?? EMPTY_COMPANY),
);

const SaveSubmit = formSubmit(ContactFields);

const save = formAction(addCustomerFlow, SaveSubmit, async (turn, { flow, input }) => {
  const { t } = turn;
  const company = flow.company;
  if (!company) return companyForm(turn, flow, EMPTY_COMPANY);
  const typed = Object.fromEntries(
    Object.keys(EMPTY_CONTACT).map((key) => [key, String(input[key as keyof ContactTyped]).slice(0, 1000)]),
  ) as ContactTyped;
  const request: NewCustomerInput = {
    company,
    domainPrefix: company.domainPrefix,
    contact: {
      firstName: typed.contactFirstName,
      lastName: typed.contactLastName,
      email: typed.contactEmail,
      phone: typed.contactPhone,
    },
    agreement: { acceptedBy: typed.agreementBy, email: typed.agreementEmail, acceptedOn: typed.agreementDate },
  };
  const outcome = await attemptChange(
    turn,
    ATTEMPTED,
    (current, now) => addCustomer(current, turn.user.id, request, now),
    { invalid: CustomerInputError },
  );
  switch (outcome.kind) {
    case 'saved': {
      const customer = outcome.result;
      const ready = readyToOrder(customer);
      return finishWith(
        turn,
        flow.id,
        customerCard(turn, customer, {
          title: t.t('addCustomer.done', { company: escapeMarkdown(customer.companyName) }),
          tone: ready ? 'good' : 'warning',
          paragraphs: [ready ? t.t('addCustomer.ready') : t.t('addCustomer.notReady')],
          actions: [
            ...(turn.conversations.offers(turn, 'customer_users')
              ? [commandAction(t.t('customer.action.addUser'), 'customer_users', { customerId: customer.id })]
              : []),
            commandAction(t.t('addCustomer.another'), 'add_customer'),
          ],
        }),
      );
    }
    case 'invalid': {
      const problems = outcome.error.problems;
      // A company field refused at save (the domain taken meanwhile): back to the first form.
      const companyProblem = Object.keys(problems).some((field) => field in EMPTY_COMPANY);
      return companyProblem
        ? companyForm(turn, flow, company, problems)
        : contactForm(turn, flow, company, typed, problems);
    }
    case 'stale':
      return contactForm(turn, flow, company, typed);
    default:
      return usualOutcomeCard(turn, flow.id, outcome, t.t('addCustomer.refusedTitle'));
  }
});

export const addCustomerConversation: Conversation = {
  name: 'add-customer',
  policy: ['add_customer'],
  flows: [addCustomerFlow],
  offeredWhen: { add_customer: () => ({ type: 'add_customer' }) },
  intents: { add_customer: (turn) => start(turn) },
  cardActions: { [VERBS.next]: next, [VERBS.back]: back, [VERBS.save]: save },
};
