import { countryName } from '../../accounts/countries.js';
import { readyToOrder } from '../../accounts/customerDetails.js';
import { customersNamedIn } from '../../accounts/customerSearch.js';
import type { Intent } from '../../language/intents.js';
import type { Customer } from '../../store/schema.js';
import { commandAction, type CardAction } from '../cardActions.js';
import type { Request } from '../commands.js';
import { expandCard } from '../cards.js';
import { noticeCard, type Notice } from '../notice.js';
import { escapeMarkdown } from '../text.js';
import type { CardJson, MemberTurn } from '../turn.js';

/**
 * What the customer conversations share: which customer a request is about, the card that asks
 * when it names none (or several), and how one customer is shown. Words come from `customer.*`.
 */
export type RelationshipStatus = Customer['relationship']['status'];

/**
 * The customer a request is about: the one a button chose (by id, looked up in the admin's own
 * organization: another tenant's id finds nothing), or the ones its text names. `among`: the
 * relationship states the task applies to.
 */
export function customersRequested(
  turn: MemberTurn,
  request: Pick<Request, 'customerId' | 'text'>,
  among: readonly RelationshipStatus[],
): Customer[] {
  const customers = turn.organization
    .read()
    .customers.filter((customer) => among.includes(customer.relationship.status));
  if (request.customerId) return customers.filter((customer) => customer.id === request.customerId);
  return request.text ? customersNamedIn(customers, request.text) : [];
}

/** The day, in the admin's language ("14 Mar 2024", "14 mars 2024"). */
export function dayOf(turn: MemberTurn, iso: string): string {
  const date = iso.length === 10 ? new Date(`${iso}T12:00:00Z`) : new Date(iso);
  return new Intl.DateTimeFormat(turn.t.language, { dateStyle: 'medium', timeZone: turn.timeZone }).format(date);
}

/** "Which customer?": a choice of customers and a button that asks for `intent` again with the one chosen. */
export function customerPickerCard(
  turn: MemberTurn,
  intent: Intent,
  candidates: readonly Customer[],
  title: string,
): CardJson {
  const { t } = turn;
  return expandCard('customer-picker', {
    title,
    label: t.t('customer.picker.label'),
    placeholder: t.t('customer.picker.placeholder'),
    required: t.t('customer.picker.required'),
    choices: [...candidates]
      .sort((a, b) => a.companyName.localeCompare(b.companyName))
      .map((customer) => ({ title: `${customer.companyName} (${customer.domains[0]})`, value: customer.id })),
    actions: [{ type: 'Action.Submit', title: t.t('common.continue'), data: { command: intent } }],
  });
}

/** The relationship's state in words: active and ready, active without the agreement, invited, ended. */
export function relationshipText(turn: MemberTurn, customer: Customer): string {
  const { t } = turn;
  const since = dayOf(turn, customer.relationship.since);
  if (customer.relationship.status === 'active')
    return readyToOrder(customer)
      ? t.t('customer.relationship.ready', { since })
      : t.t('customer.relationship.noAgreement', { since });
  return t.t(`customer.relationship.${customer.relationship.status}`, { since });
}

/** Where the city, state and postal code go: as the country writes its addresses. */
const CITY_STATE_POSTAL = new Set(['US', 'CA', 'AU']);
const CITY_THEN_POSTAL = new Set(['GB', 'IE']);

/** An address on one line, in the order its country writes it ("Redmond, WA 98052"; "75002 Paris"). */
export function addressLine(address: NonNullable<Customer['address']>): string {
  const { line1, line2, city, state, postalCode, country } = address;
  const place = CITY_STATE_POSTAL.has(country)
    ? [`${city}, ${[state, postalCode].filter(Boolean).join(' ')}`]
    : CITY_THEN_POSTAL.has(country)
      ? [city, postalCode]
      : [`${postalCode} ${city}`.trim(), state];
  return [line1, line2, ...place].filter(Boolean).join(', ');
}

/** One customer's account, as Partner Center's account page shows it. */
export function customerFacts(turn: MemberTurn, customer: Customer): Notice['facts'] {
  const { t } = turn;
  const address = customer.address;
  const facts: { title: string; value: string }[] = [
    { title: t.t('customer.fact.domain'), value: escapeMarkdown(customer.domains.join(', ')) },
    { title: t.t('customer.fact.microsoftId'), value: customer.microsoftId ?? t.t('customer.fact.notYet') },
    { title: t.t('customer.fact.relationship'), value: relationshipText(turn, customer) },
  ];
  if (address)
    facts.push({
      title: t.t('customer.fact.address'),
      value: escapeMarkdown(`${addressLine(address)} (${countryName(address.country, t.language)})`),
    });
  if (customer.contact)
    facts.push({
      title: t.t('customer.fact.contact'),
      value: escapeMarkdown(
        `${customer.contact.firstName} ${customer.contact.lastName} · ${customer.contact.email}${customer.contact.phone ? ` · ${customer.contact.phone}` : ''}`,
      ),
    });
  if (customer.relationship.status !== 'invited')
    facts.push({
      title: t.t('customer.fact.agreement'),
      value: customer.agreement
        ? escapeMarkdown(
            t.t('customer.agreement.accepted', {
              name: customer.agreement.acceptedBy,
              email: customer.agreement.email,
              date: dayOf(turn, customer.agreement.acceptedOn),
            }),
          )
        : t.t('customer.agreement.missing'),
    });
  facts.push({
    title: t.t('customer.fact.added'),
    value: escapeMarkdown(
      t.t('customer.addedBy', { name: customer.createdBy.displayName, date: dayOf(turn, customer.createdAt) }),
    ),
  });
  return facts;
}

/** The buttons a customer's card offers this admin: only what the policy would let them do. */
export function customerActions(turn: MemberTurn, customer: Customer): CardAction[] {
  const { t } = turn;
  const offer = (intent: Intent) => turn.conversations.offers(turn, intent);
  const actions: CardAction[] = [];
  const status = customer.relationship.status;
  const button = (key: string, intent: Intent, extra: Record<string, string> = {}) =>
    commandAction(t.t(key), intent, { customerId: customer.id, ...extra });
  if (status === 'active' && offer('customer_users')) actions.push(button('customer.action.users', 'customer_users'));
  if (status === 'active' && offer('update_customer'))
    actions.push(button('customer.action.update', 'update_customer'));
  if (status === 'invited' && offer('invite_customer'))
    actions.push(button('customer.action.accepted', 'invite_customer'));
  if (status !== 'ended' && offer('end_customer_relationship'))
    actions.push(button('customer.action.end', 'end_customer_relationship'));
  return actions;
}

/** One customer's card: its account, why it cannot order yet when it cannot, and what the admin may do. */
export function customerCard(
  turn: MemberTurn,
  customer: Customer,
  options: { title?: string; tone?: Notice['tone']; paragraphs?: string[]; actions?: CardAction[] } = {},
): CardJson {
  return noticeCard({
    title: options.title ?? escapeMarkdown(customer.companyName),
    tone: options.tone ?? 'default',
    paragraphs: options.paragraphs ?? [],
    facts: customerFacts(turn, customer),
    actions: options.actions ?? customerActions(turn, customer),
  });
}
