import type { RoleId } from '../domain/roles.js';
import { STORE_FORMAT_VERSION, type Customer, type OrganizationFile, type UserRecord } from './schema.js';

/**
 * The demo partner organization seeded in local mode. Its tenant and its first six users are the
 * Agents Playground's mock tenant and users (.m365agentsplayground.yml), so the playground's
 * default user, Alex Wilber, is its Global admin and the others hold a realistic spread of roles.
 * A few more users exist only here (an invited one, a marketplace owner), as in a real account.
 */
export const DEMO_TENANT_ID = '5c1f8a2e-3b7d-4e96-8a41-0d2f6b9c7e15';

const SYSTEM = { userId: 'system', displayName: 'Partner Admin bot' };

interface DemoUser {
  id: string;
  displayName: string;
  email: string;
  aadObjectId?: string;
  roles: RoleId[];
  status: UserRecord['status'];
  preferredLanguage?: 'en' | 'fr';
}

export const DEMO_USERS: readonly DemoUser[] = [
  {
    id: 'u-alex',
    displayName: 'Alex Wilber',
    email: 'alexw@contoso.com',
    aadObjectId: '7a3e9c41-2b5d-4f80-9d16-3c8e5a7b1f01',
    roles: ['global_admin'],
    status: 'active',
  },
  {
    id: 'u-megan',
    displayName: 'Megan Bowen',
    email: 'meganb@contoso.com',
    aadObjectId: '7a3e9c41-2b5d-4f80-9d16-3c8e5a7b1f02',
    roles: ['billing_admin', 'incentives_admin'],
    status: 'active',
  },
  {
    id: 'u-adele',
    displayName: 'Adele Vance',
    email: 'adelev@contoso.com',
    aadObjectId: '7a3e9c41-2b5d-4f80-9d16-3c8e5a7b1f03',
    roles: ['sales_agent', 'referrals_admin'],
    status: 'active',
  },
  {
    id: 'u-isaiah',
    displayName: 'Isaiah Langer',
    email: 'isaiahl@contoso.com',
    aadObjectId: '7a3e9c41-2b5d-4f80-9d16-3c8e5a7b1f04',
    roles: ['admin_agent', 'helpdesk_agent'],
    status: 'active',
  },
  {
    id: 'u-patti',
    displayName: 'Patti Fernandez',
    email: 'pattif@contoso.com',
    aadObjectId: '7a3e9c41-2b5d-4f80-9d16-3c8e5a7b1f05',
    roles: ['account_admin', 'mpn_partner_admin', 'business_profile_admin'],
    status: 'active',
    preferredLanguage: 'fr',
  },
  {
    id: 'u-lynne',
    displayName: 'Lynne Robbins',
    email: 'lynner@contoso.com',
    aadObjectId: '7a3e9c41-2b5d-4f80-9d16-3c8e5a7b1f06',
    roles: ['report_viewer'],
    status: 'active',
  },
  {
    id: 'u-nestor',
    displayName: 'Nestor Wilke',
    email: 'nestorw@contoso.com',
    aadObjectId: '7a3e9c41-2b5d-4f80-9d16-3c8e5a7b1f07',
    roles: ['user_management_admin'],
    status: 'active',
  },
  {
    id: 'u-johanna',
    displayName: 'Johanna Lorenz',
    email: 'johannal@contoso.com',
    aadObjectId: '7a3e9c41-2b5d-4f80-9d16-3c8e5a7b1f08',
    roles: ['owner', 'developer'],
    status: 'active',
  },
  {
    id: 'u-diego',
    displayName: 'Diego Siciliani',
    email: 'diegos@contoso.com',
    roles: ['helpdesk_agent'],
    status: 'invited',
  },
];

/**
 * The demo partner's customers (it is a direct-bill CSP): two ready to order, one without the
 * customer agreement yet, one invited to a reseller relationship, and one whose relationship ended.
 */
function demoCustomers(now: string): Customer[] {
  const record = (customer: Omit<Customer, 'revision' | 'createdAt' | 'createdBy' | 'updatedAt' | 'updatedBy'>) => ({
    ...customer,
    revision: 0,
    createdAt: now,
    createdBy: SYSTEM,
    updatedAt: now,
    updatedBy: SYSTEM,
  });
  const user = (id: string, displayName: string, userName: string) => ({
    id,
    displayName,
    userName,
    status: 'active' as const,
    createdAt: now,
    createdBy: SYSTEM,
  });
  return [
    record({
      id: 'cust-fabrikam',
      companyName: 'Fabrikam, Inc.',
      microsoftId: '3f8b2a61-9c4e-4d17-b5a0-6e2c81d94f30',
      domains: ['fabrikam.onmicrosoft.com', 'fabrikam.com'],
      address: { line1: '1 Microsoft Way', city: 'Redmond', state: 'WA', postalCode: '98052', country: 'US' },
      contact: { firstName: 'Rob', lastName: 'Young', email: 'rob.young@fabrikam.com', phone: '+1 425-555-0100' },
      agreement: { acceptedBy: 'Rob Young', email: 'rob.young@fabrikam.com', acceptedOn: '2024-03-14' },
      relationship: { status: 'active', since: '2024-03-14T10:00:00.000Z' },
      users: [
        user('cu-fab-rob', 'Rob Young', 'rob.young@fabrikam.com'),
        user('cu-fab-ana', 'Ana Bowman', 'ana.bowman@fabrikam.com'),
      ],
    }),
    record({
      id: 'cust-tailspin',
      companyName: 'Tailspin Toys SARL',
      microsoftId: '8d41c7e2-05ab-4f39-9e6d-2b7a3c5f1e84',
      domains: ['tailspintoys.onmicrosoft.com'],
      address: { line1: '12 quai Saint-Antoine', city: 'Lyon', postalCode: '69002', country: 'FR' },
      contact: { firstName: 'Camille', lastName: 'Dubois', email: 'camille.dubois@tailspintoys.onmicrosoft.com' },
      agreement: {
        acceptedBy: 'Camille Dubois',
        email: 'camille.dubois@tailspintoys.onmicrosoft.com',
        acceptedOn: '2025-09-02',
      },
      relationship: { status: 'active', since: '2025-09-02T09:00:00.000Z' },
      users: [user('cu-tail-camille', 'Camille Dubois', 'camille.dubois@tailspintoys.onmicrosoft.com')],
    }),
    record({
      id: 'cust-northwind',
      companyName: 'Northwind Traders Ltd',
      microsoftId: 'c2e9a4b7-6f13-4e58-a0d2-9b8e7f6a5c41',
      domains: ['northwindtraders.onmicrosoft.com'],
      address: { line1: '221 Baker Street', city: 'London', postalCode: 'NW1 6XE', country: 'GB' },
      contact: { firstName: 'Nancy', lastName: 'Davolio', email: 'nancy@northwindtraders.onmicrosoft.com' },
      relationship: { status: 'active', since: '2026-11-02T09:00:00.000Z' },
      users: [],
    }),
    record({
      id: 'cust-wingtip',
      companyName: 'Wingtip Toys',
      domains: ['wingtiptoys.com'],
      relationship: { status: 'invited', since: '2026-11-20T09:00:00.000Z' },
      users: [],
    }),
    record({
      id: 'cust-litware',
      companyName: 'Litware, Inc.',
      microsoftId: '5a7c3e91-2d84-4b6f-8e10-f4c9b2a7d356',
      domains: ['litware.onmicrosoft.com'],
      address: { line1: '500 Oracle Parkway', city: 'Austin', state: 'TX', postalCode: '78701', country: 'US' },
      contact: { firstName: 'Dan', lastName: 'Park', email: 'dan.park@litware.onmicrosoft.com' },
      relationship: { status: 'ended', since: '2026-06-30T17:00:00.000Z' },
      users: [],
    }),
  ];
}

/** The demo customers, for the language corpus and tests that read messages naming them. */
export const DEMO_CUSTOMERS: readonly Customer[] = demoCustomers('2026-01-01T00:00:00.000Z');

/** Builds the demo organization document as of `now`. */
export function demoOrganization(now: string): OrganizationFile {
  return {
    formatVersion: STORE_FORMAT_VERSION,
    organization: {
      tenantId: DEMO_TENANT_ID,
      displayName: 'Contoso Cloud Services',
      revision: 0,
      createdAt: now,
      updatedAt: now,
      profile: {
        legal: {
          legalName: 'Contoso Cloud Services SAS',
          address: { line1: '18 rue de Londres', city: 'Paris', postalCode: '75009', country: 'FR' },
        },
        verification: { status: 'authorized', updatedAt: now },
        primaryContact: {
          firstName: 'Alex',
          lastName: 'Wilber',
          email: 'alexw@contoso.com',
          phone: '+33 1 70 36 42 00',
        },
        legalContact: {
          firstName: 'Patti',
          lastName: 'Fernandez',
          email: 'pattif@contoso.com',
          phone: '+33 1 70 36 42 01',
        },
        supportProfile: {
          website: 'https://support.contoso.com',
          email: 'support@contoso.com',
          phone: '+33 1 70 36 42 99',
        },
        locations: [
          {
            id: 'loc-paris',
            name: 'Contoso Cloud Services – Paris (HQ)',
            city: 'Paris',
            country: 'FR',
            partnerId: '6104521',
            status: 'active',
            cspTenantId: DEMO_TENANT_ID,
          },
          {
            id: 'loc-lyon',
            name: 'Contoso Cloud Services – Lyon',
            city: 'Lyon',
            country: 'FR',
            partnerId: '6104522',
            status: 'active',
          },
          {
            id: 'loc-montreal',
            name: 'Contoso Cloud Services – Montréal',
            city: 'Montréal',
            country: 'CA',
            partnerId: '6104523',
            status: 'inactive',
          },
        ],
        tenants: [
          {
            tenantId: DEMO_TENANT_ID,
            name: 'Contoso Cloud Services',
            defaultDomain: 'contoso.onmicrosoft.com',
            primary: true,
            country: 'FR',
          },
        ],
        identifiers: {
          partnerId: '6104520',
          cspPartnerId: '6104521',
          publisherId: 'contoso-cloud',
          sellerId: '81342076',
        },
      },
      programs: [
        { programId: 'maicpp', status: 'active', since: '2019-03-11T09:00:00.000Z', updatedAt: now },
        { programId: 'csp_direct_bill', status: 'active', since: '2021-06-02T09:00:00.000Z', updatedAt: now },
        { programId: 'commercial_marketplace', status: 'qualified', since: '2026-10-28T09:00:00.000Z', updatedAt: now },
        { programId: 'm365_copilot', status: 'pending', since: '2026-11-12T09:00:00.000Z', updatedAt: now },
      ],
    },
    users: DEMO_USERS.map((user) => ({
      ...user,
      revision: 0,
      createdAt: now,
      createdBy: SYSTEM,
      updatedAt: now,
      updatedBy: SYSTEM,
    })),
    customers: demoCustomers(now),
    accessRequests: [],
    accessReviews: [],
    audit: [
      {
        id: 'seed',
        at: now,
        actor: SYSTEM,
        action: 'organization.seeded',
        target: { type: 'organization', id: DEMO_TENANT_ID },
        outcome: 'applied',
      },
    ],
  };
}
