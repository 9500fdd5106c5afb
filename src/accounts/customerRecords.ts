import type { ActorRef, Customer, OrganizationFile } from '../store/schema.js';
import { StaleChangeError } from './changeRefused.js';
import { CustomerInputError } from './customerDetails.js';

/**
 * Reading and replacing one customer inside a change, as users are read and replaced: the record
 * must exist (customers are never deleted, so an unknown id is card data from elsewhere: refused as
 * input, `customer: 'unknown'`), and must still be the revision the admin's card showed.
 */

export function customerIn(current: OrganizationFile, customerId: string, revision?: number): Customer {
  const customer = current.customers.find((candidate) => candidate.id === customerId);
  if (!customer) throw new CustomerInputError({ customer: 'unknown' });
  if (revision !== undefined && customer.revision !== revision) throw new StaleChangeError(customerId);
  return customer;
}

/** The customer as changed by `by` at `now`: its revision bumped, the others untouched. */
export function withCustomer(
  current: OrganizationFile,
  customer: Customer,
  changes: Partial<Customer>,
  by: ActorRef,
  now: string,
): { next: OrganizationFile; updated: Customer } {
  const updated: Customer = { ...customer, ...changes, revision: customer.revision + 1, updatedAt: now, updatedBy: by };
  return {
    next: { ...current, customers: current.customers.map((each) => (each.id === customer.id ? updated : each)) },
    updated,
  };
}
