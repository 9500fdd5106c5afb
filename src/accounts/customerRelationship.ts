import type { ChangeOutcome } from '../store/accountStore.js';
import type { Customer, OrganizationFile } from '../store/schema.js';
import { randomUUID } from 'node:crypto';
import { GUID_PATTERN } from '../store/schema.js';
import { checkDomainName, CustomerInputError, customerWithDomain } from './customerDetails.js';
import { checkName as checkCompanyName } from './profileFields.js';
import { customerIn, withCustomer } from './customerRecords.js';
import { actorRef, authorize } from './organizationView.js';

/**
 * The reseller relationship with a customer (shared/domain/partner-center.md §6): an existing
 * customer (one with a tenant already, from another partner or bought directly) is invited rather
 * than added; the customer accepts in the Microsoft 365 admin center, and an admin records it here
 * with the customer's Microsoft ID. Ending a relationship keeps the customer, marked ended.
 */
export interface InvitationInput {
  companyName: string;
  domain: string;
}

export function inviteCustomer(
  current: OrganizationFile,
  actorId: string,
  input: InvitationInput,
  now: string,
): ChangeOutcome<Customer> {
  const actor = authorize(current, actorId, () => ({ type: 'invite_customer' }));
  const problems: Record<string, string> = {};
  const name = checkCompanyName(input.companyName);
  if (!name.ok) problems.companyName = name.problem;
  const domain = checkDomainName(input.domain);
  if (!domain.ok) problems.domain = domain.problem;
  else if (customerWithDomain(current.customers, domain.value)) problems.domain = 'taken';
  if (!name.ok || !domain.ok || Object.keys(problems).length > 0) throw new CustomerInputError(problems);
  const by = actorRef(actor);
  const customer: Customer = {
    id: `cust-${randomUUID()}`,
    companyName: name.value,
    domains: [domain.value],
    relationship: { status: 'invited', since: now },
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
        action: 'customer.invited',
        target: { type: 'customer', id: customer.id },
        outcome: 'applied',
        after: { companyName: customer.companyName, domain: domain.value },
      },
    ],
  };
}

/** The customer accepted the invitation: the relationship is active, with the customer's Microsoft ID. */
export function recordInvitationAccepted(
  current: OrganizationFile,
  actorId: string,
  customerId: string,
  microsoftIdTyped: string,
  now: string,
): ChangeOutcome<Customer> {
  const actor = authorize(current, actorId, () => ({ type: 'invite_customer' }));
  const customer = customerIn(current, customerId);
  if (customer.relationship.status !== 'invited') throw new CustomerInputError({ customer: 'not_invited' });
  const microsoftId = microsoftIdTyped.trim().toLowerCase();
  if (!microsoftId) throw new CustomerInputError({ microsoftId: 'required' });
  if (!GUID_PATTERN.test(microsoftId)) throw new CustomerInputError({ microsoftId: 'invalid' });
  if (current.customers.some((other) => other.id !== customer.id && other.microsoftId === microsoftId))
    throw new CustomerInputError({ microsoftId: 'taken' });
  const by = actorRef(actor);
  const { next, updated } = withCustomer(
    current,
    customer,
    { microsoftId, relationship: { status: 'active', since: now } },
    by,
    now,
  );
  return {
    next,
    result: updated,
    audit: [
      {
        actor: by,
        action: 'customer.relationship_accepted',
        target: { type: 'customer', id: customer.id },
        outcome: 'applied',
        before: { relationship: 'invited' },
        after: { relationship: 'active', microsoftId },
      },
    ],
  };
}

export function endRelationship(
  current: OrganizationFile,
  actorId: string,
  customerId: string,
  revision: number,
  now: string,
): ChangeOutcome<Customer> {
  const actor = authorize(current, actorId, () => ({ type: 'end_customer_relationship' }));
  const customer = customerIn(current, customerId, revision);
  if (customer.relationship.status === 'ended') throw new CustomerInputError({ customer: 'already_ended' });
  const by = actorRef(actor);
  const { next, updated } = withCustomer(current, customer, { relationship: { status: 'ended', since: now } }, by, now);
  return {
    next,
    result: updated,
    audit: [
      {
        actor: by,
        action: 'customer.relationship_ended',
        target: { type: 'customer', id: customer.id },
        outcome: 'applied',
        before: { relationship: customer.relationship.status },
        after: { relationship: 'ended' },
      },
    ],
  };
}

/** The text to send an existing customer, with the link that opens the acceptance page. */
export function invitationLink(partnerTenantId: string, cspPartnerId: string | undefined): string {
  const query = new URLSearchParams({
    invType: 'ResellerRelationship',
    partnerId: partnerTenantId,
    ...(cspPartnerId ? { msppId: cspPartnerId } : {}),
    DAP: 'false',
  });
  return `https://admin.microsoft.com/Adminportal/Home?${query.toString()}#/BillingAccounts/partner-invitation`;
}
