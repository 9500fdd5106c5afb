import { InvalidChangeError } from './changeRefused.js';
import { checkAddress, type AddressInput } from './postalAddress.js';
import { checkEmail, checkName, checkPhone } from './profileFields.js';
import type { Address, Contact, Customer } from '../store/schema.js';

/**
 * The details of a customer account an admin types (shared/domain/partner-center.md §6): the legal
 * company name, the address, the customer's contact, the initial domain, and the Microsoft
 * Customer Agreement acceptance. One check per group of fields, used by the forms and again inside
 * each change against the data as it is then. Problems are named per field, for the form.
 */
export type CustomerFieldProblems = Record<string, string>;

export class CustomerInputError extends InvalidChangeError {
  constructor(readonly problems: CustomerFieldProblems) {
    super(
      `Customer input refused: ${Object.entries(problems)
        .map(([field, problem]) => `${field}=${problem}`)
        .join(', ')}`,
    );
    this.name = 'CustomerInputError';
  }
}

export const ONMICROSOFT_SUFFIX = '.onmicrosoft.com';
/** Microsoft's limit for the prefix of an initial domain; letters and digits only (choice, docs/domain-decisions.md). */
export const DOMAIN_PREFIX_MAX_LENGTH = 27;

export interface CompanyInput extends AddressInput {
  companyName: string;
}

export interface ContactInput {
  firstName: string;
  lastName: string;
  email: string;
  phone?: string;
}

export interface AgreementInput {
  acceptedBy: string;
  email: string;
  acceptedOn: string;
}

const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** "Fabrikam" or "fabrikam.onmicrosoft.com" → "fabrikam.onmicrosoft.com"; undefined with the problem otherwise. */
export function checkInitialDomain(raw: string): { ok: true; value: string } | { ok: false; problem: string } {
  let prefix = fold(raw.trim());
  if (prefix.endsWith(ONMICROSOFT_SUFFIX)) prefix = prefix.slice(0, -ONMICROSOFT_SUFFIX.length);
  if (!prefix) return { ok: false, problem: 'required' };
  if (prefix.length > DOMAIN_PREFIX_MAX_LENGTH) return { ok: false, problem: 'too_long' };
  if (!/^[a-z0-9]+$/.test(prefix)) return { ok: false, problem: 'invalid' };
  return { ok: true, value: `${prefix}${ONMICROSOFT_SUFFIX}` };
}

/** A domain the customer already has ("fabrikam.com"), for an invitation. */
export function checkDomainName(raw: string): { ok: true; value: string } | { ok: false; problem: string } {
  const value = raw.trim().toLowerCase().replace(/\.$/, '');
  if (!value) return { ok: false, problem: 'required' };
  if (value.length > 253) return { ok: false, problem: 'too_long' };
  if (!/^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(value)) return { ok: false, problem: 'invalid' };
  return { ok: true, value };
}

/** The customer owning a domain, ended relationships included: a domain belongs to one customer. */
export function customerWithDomain(
  customers: readonly Customer[],
  domain: string,
  except?: string,
): Customer | undefined {
  return customers.find((customer) => customer.id !== except && customer.domains.includes(domain));
}

export function checkCompany(input: CompanyInput): {
  problems: CustomerFieldProblems;
  companyName?: string;
  address?: Address;
} {
  const problems: CustomerFieldProblems = {};
  const name = checkName(input.companyName);
  if (!name.ok) problems.companyName = name.problem;
  const address = checkAddress(input);
  Object.assign(problems, address.problems);
  if (Object.keys(problems).length > 0 || !name.ok) return { problems };
  return { problems, companyName: name.value, address: address.value };
}

export function checkContact(
  input: ContactInput,
  country: string,
): { problems: CustomerFieldProblems; value?: Contact } {
  const problems: CustomerFieldProblems = {};
  const firstName = checkName(input.firstName);
  const lastName = checkName(input.lastName);
  const email = checkEmail(input.email);
  const phoneText = (input.phone ?? '').trim();
  const phone = phoneText ? checkPhone(phoneText, country) : undefined;
  if (!firstName.ok) problems.contactFirstName = firstName.problem;
  if (!lastName.ok) problems.contactLastName = lastName.problem;
  if (!email.ok) problems.contactEmail = email.problem;
  if (phone && !phone.ok) problems.contactPhone = phone.problem;
  if (!firstName.ok || !lastName.ok || !email.ok || (phone && !phone.ok)) return { problems };
  return {
    problems,
    value: {
      firstName: firstName.value,
      lastName: lastName.value,
      email: email.value,
      ...(phone?.ok ? { phone: phone.value } : {}),
    },
  };
}

/**
 * The agreement acceptance: all three fields or none (then the customer is recorded as not ready
 * to order). The date is the day the customer accepted: a real day, not after today.
 */
export function checkAgreement(
  input: AgreementInput,
  today: string,
): { problems: CustomerFieldProblems; value?: Customer['agreement'] } {
  const typed = [input.acceptedBy, input.email, input.acceptedOn].map((value) => value.trim());
  if (typed.every((value) => !value)) return { problems: {} };
  const problems: CustomerFieldProblems = {};
  const acceptedBy = checkName(input.acceptedBy);
  const email = checkEmail(input.email);
  if (!acceptedBy.ok) problems.agreementBy = acceptedBy.problem;
  if (!email.ok) problems.agreementEmail = email.problem;
  const date = input.acceptedOn.trim();
  if (!date) problems.agreementDate = 'required';
  else if (!isCalendarDay(date)) problems.agreementDate = 'invalid';
  else if (date > today.slice(0, 10)) problems.agreementDate = 'in_future';
  if (Object.keys(problems).length > 0 || !acceptedBy.ok || !email.ok) return { problems };
  return { problems, value: { acceptedBy: acceptedBy.value, email: email.value, acceptedOn: date } };
}

function isCalendarDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** Ready to order: an active relationship and the agreement recorded. */
export function readyToOrder(customer: Customer): boolean {
  return customer.relationship.status === 'active' && customer.agreement !== undefined;
}
