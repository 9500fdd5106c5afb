import { randomUUID } from 'node:crypto';
import type { ChangeOutcome } from '../store/accountStore.js';
import type { Customer, OrganizationFile } from '../store/schema.js';
import {
  checkAgreement,
  checkCompany,
  checkContact,
  checkInitialDomain,
  CustomerInputError,
  customerWithDomain,
  type AgreementInput,
  type CompanyInput,
  type ContactInput,
  type CustomerFieldProblems,
} from './customerDetails.js';
import { actorRef, authorize } from './organizationView.js';

/**
 * Adding a customer (shared/domain/partner-center.md §6, Customers → Add customer): the exact legal
 * company name and full address, an initial domain `<prefix>.onmicrosoft.com` unique among the
 * partner's customers, the customer's contact and, when the customer has accepted it, the
 * Microsoft Customer Agreement. Without the agreement the customer is recorded, not ready to order.
 *
 * Partner Center creates the customer's tenant and gives it its Microsoft ID; the bot stands in for
 * that step and records a new tenant id (docs/domain-decisions.md).
 */
export interface NewCustomerInput {
  company: CompanyInput;
  domainPrefix: string;
  contact: ContactInput;
  agreement: AgreementInput;
}

/** Every problem with a new customer, against the customers as they are now. */
export function newCustomerProblems(current: OrganizationFile, input: NewCustomerInput, today: string) {
  const problems: CustomerFieldProblems = {};
  const company = checkCompany(input.company);
  Object.assign(problems, company.problems);
  const domain = checkInitialDomain(input.domainPrefix);
  if (!domain.ok) problems.domainPrefix = domain.problem;
  else if (customerWithDomain(current.customers, domain.value)) problems.domainPrefix = 'taken';
  const contact = checkContact(input.contact, input.company.country);
  Object.assign(problems, contact.problems);
  const agreement = checkAgreement(input.agreement, today);
  Object.assign(problems, agreement.problems);
  return { problems, company, domain, contact, agreement };
}

export function addCustomer(
  current: OrganizationFile,
  actorId: string,
  input: NewCustomerInput,
  now: string,
): ChangeOutcome<Customer> {
  const actor = authorize(current, actorId, () => ({ type: 'add_customer' }));
  const { problems, company, domain, contact, agreement } = newCustomerProblems(current, input, now);
  if (Object.keys(problems).length > 0 || !company.address || !company.companyName || !domain.ok || !contact.value)
    throw new CustomerInputError(problems);
  const by = actorRef(actor);
  const customer: Customer = {
    id: `cust-${randomUUID()}`,
    companyName: company.companyName,
    microsoftId: randomUUID(),
    domains: [domain.value],
    address: company.address,
    contact: contact.value,
    ...(agreement.value ? { agreement: agreement.value } : {}),
    relationship: { status: 'active', since: now },
    users: [],
    revision: 0,
    createdAt: now,
    createdBy: by,
    updatedAt: now,
    updatedBy: by,
  };
  return {
    next: { ...current, customers: [...current.customers, customer] },
    result: customer,
    audit: [
      {
        actor: by,
        action: 'customer.added',
        target: { type: 'customer', id: customer.id },
        outcome: 'applied',
        after: {
          companyName: customer.companyName,
          domain: domain.value,
          country: customer.address?.country,
          agreementAccepted: customer.agreement !== undefined,
        },
      },
    ],
  };
}
