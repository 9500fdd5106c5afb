import type { ChangeOutcome } from '../store/accountStore.js';
import type { Customer, OrganizationFile } from '../store/schema.js';
import {
  checkAgreement,
  checkCompany,
  checkContact,
  CustomerInputError,
  type AgreementInput,
  type CompanyInput,
  type ContactInput,
} from './customerDetails.js';
import { customerIn, withCustomer } from './customerRecords.js';
import { actorRef, authorize } from './organizationView.js';

/**
 * Updating a customer's account details (shared/domain/partner-center.md §6, Customers → customer →
 * Account → Update: Global admin, Sales agent): the company name and address, the contact, or the
 * agreement acceptance recorded later. One group per change, as each has its own form. An ended
 * relationship is kept as it was (choice: there is nothing to keep up to date).
 */
export type CustomerUpdate =
  | { part: 'company'; input: CompanyInput }
  | { part: 'contact'; input: ContactInput }
  | { part: 'agreement'; input: AgreementInput };

export function updateCustomer(
  current: OrganizationFile,
  actorId: string,
  customerId: string,
  revision: number,
  update: CustomerUpdate,
  now: string,
): ChangeOutcome<Customer> {
  const actor = authorize(current, actorId, () => ({ type: 'update_customer' }));
  const customer = customerIn(current, customerId, revision);
  if (customer.relationship.status === 'ended') throw new CustomerInputError({ customer: 'ended' });
  let changes: Partial<Customer>;
  let before: Record<string, unknown>;
  switch (update.part) {
    case 'company': {
      const { problems, companyName, address } = checkCompany(update.input);
      if (!companyName || !address) throw new CustomerInputError(problems);
      changes = { companyName, address };
      before = { companyName: customer.companyName, address: customer.address };
      break;
    }
    case 'contact': {
      const country = customer.address?.country ?? '';
      const { problems, value } = checkContact(update.input, country);
      if (!value) throw new CustomerInputError(problems);
      changes = { contact: value };
      before = { contact: customer.contact };
      break;
    }
    case 'agreement': {
      const { problems, value } = checkAgreement(update.input, now);
      if (Object.keys(problems).length > 0) throw new CustomerInputError(problems);
      if (!value) throw new CustomerInputError({ agreementBy: 'required' });
      changes = { agreement: value };
      before = { agreement: customer.agreement };
      break;
    }
  }
  const by = actorRef(actor);
  const { next, updated } = withCustomer(current, customer, changes, by, now);
  return {
    next,
    result: updated,
    audit: [
      {
        actor: by,
        action: `customer.${update.part}_updated`,
        target: { type: 'customer', id: customer.id },
        outcome: 'applied',
        before,
        after: changes,
      },
    ],
  };
}
