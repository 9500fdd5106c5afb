import { z } from 'zod';
import { ROLE_IDS } from '../domain/roles.js';
import { PROGRAM_IDS, PROGRAM_STATUSES, VERIFICATION_STATUSES } from '../domain/programs.js';

/**
 * The shape of an organization file on disk. Every record has a schema; a file that does not
 * match stops start-up (the bot never "repairs" it). `formatVersion` lets later releases migrate.
 *
 * Objects are strict: a hand-edited field with a typo is an error, not silently dropped data.
 */
/**
 * 2: customers (CSP customer accounts) joined the document. 3: privileged-access requests and
 * access reviews joined it. Older documents are migrated on read (formatMigrations.ts).
 */
export const STORE_FORMAT_VERSION = 3;

export const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const PARTNER_ID_PATTERN = /^[0-9]{5,10}$/;

const isoDate = z.string().datetime({ offset: true });
const tenantId = z.string().regex(GUID_PATTERN, 'must be a lower-case GUID');
export const emailSchema = z
  .string()
  .max(254)
  .email()
  .refine((value) => value === value.toLowerCase(), 'must be lower-case');
const shortText = z.string().min(1).max(200);
const countryCode = z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as FR or US');

export const RoleIdSchema = z.enum(ROLE_IDS);
export const LanguageSchema = z.enum(['en', 'fr']);
export type Language = z.infer<typeof LanguageSchema>;

export const ActorRefSchema = z
  .object({
    /** A user record id, or "system" for changes made by the bot itself (seeding, bootstrap). */
    userId: z.string().min(1),
    displayName: z.string().max(200),
  })
  .strict();
export type ActorRef = z.infer<typeof ActorRefSchema>;

export const UserSchema = z
  .object({
    id: z.string().min(1).max(64),
    displayName: shortText,
    /** Optional only for a bootstrap admin named by Entra object id, until Teams tells us the address. */
    email: emailSchema.optional(),
    aadObjectId: tenantId.optional(),
    roles: z.array(RoleIdSchema).max(ROLE_IDS.length),
    status: z.enum(['invited', 'active', 'removed']),
    notificationEmail: emailSchema.optional(),
    /**
     * The rest of "My preferences" in Partner Center: job title, the language of Microsoft's emails,
     * and the categories that can be turned off (mandatory and recommended actions cannot).
     */
    notificationPreferences: z
      .object({
        jobTitle: z.string().min(1).max(100).optional(),
        emailLanguage: z
          .string()
          .regex(/^[a-z]{2}(-[A-Z]{2})?$/)
          .optional(),
        promotional: z.boolean(),
        transactional: z.boolean(),
      })
      .strict()
      .optional(),
    preferredLanguage: LanguageSchema.optional(),
    /**
     * Privileged roles given for a time: taken away by the bot itself at `until` (issue 21). A role
     * listed here is also in `roles`; a role given again without an end leaves this list.
     */
    temporaryRoles: z
      .array(z.object({ roleId: RoleIdSchema, until: isoDate, grantedBy: ActorRefSchema, grantedAt: isoDate }).strict())
      .max(ROLE_IDS.length)
      .optional(),
    revision: z.number().int().nonnegative(),
    createdAt: isoDate,
    createdBy: ActorRefSchema,
    updatedAt: isoDate,
    updatedBy: ActorRefSchema,
  })
  .strict()
  .superRefine((user, ctx) => {
    if (new Set(user.roles).size !== user.roles.length)
      ctx.addIssue({ code: 'custom', path: ['roles'], message: 'lists a role twice' });
    for (const temporary of user.temporaryRoles ?? [])
      if (!user.roles.includes(temporary.roleId))
        ctx.addIssue({
          code: 'custom',
          path: ['temporaryRoles'],
          message: `${temporary.roleId} is not one of the roles`,
        });
    if (user.status !== 'removed' && user.roles.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['roles'], message: 'a user keeps at least one role' });
    }
  });
export type UserRecord = z.infer<typeof UserSchema>;

export const ContactSchema = z
  .object({
    firstName: shortText,
    /** Partner Center asks a middle name for the security contact only. */
    middleName: z.string().min(1).max(200).optional(),
    lastName: shortText,
    email: emailSchema,
    phone: z.string().min(3).max(40).optional(),
  })
  .strict();
export type Contact = z.infer<typeof ContactSchema>;
export type Address = z.infer<typeof AddressSchema>;

export const AddressSchema = z
  .object({
    line1: shortText,
    line2: z.string().max(200).optional(),
    city: shortText,
    state: z.string().max(100).optional(),
    postalCode: z.string().max(20),
    country: countryCode,
  })
  .strict();

export const LocationSchema = z
  .object({
    id: z.string().min(1).max(64),
    name: shortText,
    city: shortText,
    country: countryCode,
    partnerId: z.string().regex(PARTNER_ID_PATTERN, 'must be a PartnerID (5 to 10 digits)'),
    status: z.enum(['active', 'inactive']),
    /** The CSP tenant linked to this location's PartnerID (one-to-one). */
    cspTenantId: tenantId.optional(),
  })
  .strict();
export type Location = z.infer<typeof LocationSchema>;

const TenantSchema = z
  .object({
    tenantId,
    name: shortText,
    /** Unknown for a bootstrapped organization until an admin or an import records it. */
    defaultDomain: z.string().min(3).max(253).optional(),
    primary: z.boolean(),
    country: countryCode.optional(),
  })
  .strict();

const ProgramEnrollmentSchema = z
  .object({
    programId: z.enum(PROGRAM_IDS),
    status: z.enum(PROGRAM_STATUSES),
    since: isoDate,
    updatedAt: isoDate,
  })
  .strict();
export type ProgramEnrollment = z.infer<typeof ProgramEnrollmentSchema>;

const ProfileSchema = z
  .object({
    legal: z.object({ legalName: z.string().max(200), address: AddressSchema.optional() }).strict(),
    verification: z.object({ status: z.enum(VERIFICATION_STATUSES), updatedAt: isoDate }).strict(),
    primaryContact: ContactSchema.optional(),
    legalContact: ContactSchema.optional(),
    securityContact: ContactSchema.optional(),
    supportProfile: z
      .object({
        website: z.string().url().max(300).optional(),
        email: emailSchema.optional(),
        phone: z.string().max(40).optional(),
      })
      .strict()
      .optional(),
    locations: z.array(LocationSchema),
    tenants: z.array(TenantSchema),
    identifiers: z
      .object({
        partnerId: z.string().regex(PARTNER_ID_PATTERN).optional(),
        cspPartnerId: z.string().regex(PARTNER_ID_PATTERN).optional(),
        publisherId: z.string().max(100).optional(),
        sellerId: z.string().max(100).optional(),
      })
      .strict(),
  })
  .strict();
export type OrganizationProfile = z.infer<typeof ProfileSchema>;

/**
 * What the onboarding checklist keeps that the rest of the store cannot tell: whether tax
 * exemptions were filed (or do not apply), and when the checklist was first complete (after
 * which it is no longer pushed). Every other step's state is computed from the data itself.
 */
const OnboardingProgressSchema = z
  .object({
    taxExemptions: z
      .object({ state: z.enum(['filed', 'not_applicable']), recordedAt: isoDate, recordedBy: ActorRefSchema })
      .strict()
      .optional(),
    completedAt: isoDate.optional(),
  })
  .strict();
export type OnboardingProgress = z.infer<typeof OnboardingProgressSchema>;

export const OrganizationSchema = z
  .object({
    tenantId,
    displayName: shortText,
    /** Bumped by every applied change: a card built at revision N can tell it is stale. */
    revision: z.number().int().nonnegative(),
    createdAt: isoDate,
    updatedAt: isoDate,
    profile: ProfileSchema,
    programs: z.array(ProgramEnrollmentSchema),
    onboarding: OnboardingProgressSchema.optional(),
    /** The organization's rules for privileged access (issue 21); absent = the defaults (privilegedAccess.ts). */
    privilegedAccess: z
      .object({
        secondApproval: z.boolean(),
        monthlyReview: z.boolean(),
        updatedAt: isoDate,
        updatedBy: ActorRefSchema,
      })
      .strict()
      .optional(),
  })
  .strict();
export type Organization = z.infer<typeof OrganizationSchema>;

/** A domain name, lower-case: "fabrikam.onmicrosoft.com", "fabrikam.com". */
export const DOMAIN_PATTERN = /^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const domainName = z.string().regex(DOMAIN_PATTERN, 'must be a lower-case domain name');

/**
 * A user of a customer's tenant, created by the partner (Admin agent). A deleted user is kept,
 * restorable for 30 days (Partner Center's rule), then gone from every list; the record stays for
 * the history.
 */
export const CustomerUserSchema = z
  .object({
    id: z.string().min(1).max(64),
    displayName: shortText,
    /** The sign-in name, in one of the customer's domains. */
    userName: emailSchema,
    status: z.enum(['active', 'deleted']),
    deletedAt: isoDate.optional(),
    deletedBy: ActorRefSchema.optional(),
    createdAt: isoDate,
    createdBy: ActorRefSchema,
  })
  .strict()
  .superRefine((user, ctx) => {
    if ((user.status === 'deleted') !== (user.deletedAt !== undefined))
      ctx.addIssue({ code: 'custom', path: ['deletedAt'], message: 'a deleted user has a deletion date, no other' });
  });
export type CustomerUser = z.infer<typeof CustomerUserSchema>;

/**
 * A customer of a CSP partner (shared/domain/partner-center.md §6). A customer the partner added
 * has its legal company name, address, contact and initial domain; an existing customer invited to
 * a reseller relationship has what the admin knew when inviting, and its Microsoft ID once the
 * relationship is recorded as accepted. Nothing is ever deleted: an ended relationship stays,
 * marked ended, for the history.
 */
export const CustomerSchema = z
  .object({
    id: z.string().min(1).max(64),
    companyName: shortText,
    /** The customer's tenant id ("Microsoft ID" in Partner Center). */
    microsoftId: tenantId.optional(),
    /** The customer's domains; the first is the primary one (for an added customer, its initial .onmicrosoft.com domain). */
    domains: z.array(domainName).min(1).max(50),
    address: AddressSchema.optional(),
    contact: ContactSchema.optional(),
    /** The Microsoft Customer Agreement acceptance: without it the customer cannot order yet. */
    agreement: z
      .object({
        acceptedBy: shortText,
        email: emailSchema,
        /** The day the customer accepted (YYYY-MM-DD), as the customer stated it. */
        acceptedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
      })
      .strict()
      .optional(),
    relationship: z
      .object({
        status: z.enum(['active', 'invited', 'ended']),
        since: isoDate,
      })
      .strict(),
    users: z.array(CustomerUserSchema).max(2_000),
    revision: z.number().int().nonnegative(),
    createdAt: isoDate,
    createdBy: ActorRefSchema,
    updatedAt: isoDate,
    updatedBy: ActorRefSchema,
  })
  .strict()
  .superRefine((customer, ctx) => {
    if (new Set(customer.domains).size !== customer.domains.length)
      ctx.addIssue({ code: 'custom', path: ['domains'], message: 'lists a domain twice' });
    const ids = new Set<string>();
    customer.users.forEach((user, index) => {
      if (ids.has(user.id))
        ctx.addIssue({ code: 'custom', path: ['users', index, 'id'], message: 'duplicate user id' });
      ids.add(user.id);
    });
  });
export type Customer = z.infer<typeof CustomerSchema>;

/**
 * A change a second Global admin must approve (issue 21): giving the Global admin role (now or for
 * a time, or longer), or turning that rule off. Kept after it is decided, for the history; the
 * change itself is made at approval, against the data as it is then.
 */
export const AccessRequestSchema = z
  .object({
    id: z.string().min(1).max(64),
    change: z.discriminatedUnion('kind', [
      z
        .object({
          kind: z.literal('grant'),
          targetId: z.string().min(1).max(64),
          add: z.array(RoleIdSchema).min(1).max(ROLE_IDS.length),
          remove: z.array(RoleIdSchema).max(ROLE_IDS.length),
          until: isoDate.optional(),
        })
        .strict(),
      z.object({ kind: z.literal('extend'), targetId: z.string().min(1).max(64), until: isoDate }).strict(),
      z.object({ kind: z.literal('rules'), secondApproval: z.boolean(), monthlyReview: z.boolean() }).strict(),
    ]),
    reason: z.string().min(1).max(300),
    requestedBy: ActorRefSchema,
    requestedAt: isoDate,
    expiresAt: isoDate,
    status: z.enum(['pending', 'approved', 'denied', 'expired', 'failed']),
    decidedBy: ActorRefSchema.optional(),
    decidedAt: isoDate.optional(),
  })
  .strict();
export type AccessRequest = z.infer<typeof AccessRequestSchema>;

/**
 * An access review (issue 21): every active Global admin is asked to keep or remove each holder of
 * a privileged role. Each reviewer answers once; an answer left for 7 days is reminded once.
 */
export const AccessReviewSchema = z
  .object({
    id: z.string().min(1).max(64),
    startedAt: isoDate,
    startedBy: ActorRefSchema,
    /** Who held a privileged role when the review started, and which. */
    subjects: z.array(z.object({ userId: z.string().min(1), roles: z.array(RoleIdSchema).min(1) }).strict()).max(5_000),
    reviewers: z
      .array(
        z
          .object({
            userId: z.string().min(1),
            answeredAt: isoDate.optional(),
            remindedAt: isoDate.optional(),
            removed: z.array(z.string().min(1)).optional(),
          })
          .strict(),
      )
      .max(1_000),
  })
  .strict();
export type AccessReview = z.infer<typeof AccessReviewSchema>;

export const AuditEntrySchema = z
  .object({
    id: z.string().min(1),
    at: isoDate,
    actor: ActorRefSchema,
    action: z.string().min(1).max(64),
    target: z
      .object({
        type: z.enum(['user', 'organization', 'customer', 'access_request', 'access_review']),
        id: z.string().min(1),
      })
      .strict(),
    outcome: z.enum(['applied', 'refused']),
    reason: z.string().max(64).optional(),
    before: z.unknown().optional(),
    after: z.unknown().optional(),
  })
  .strict();
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export const OrganizationFileSchema = z
  .object({
    formatVersion: z.literal(STORE_FORMAT_VERSION),
    organization: OrganizationSchema,
    users: z.array(UserSchema),
    customers: z.array(CustomerSchema),
    accessRequests: z.array(AccessRequestSchema),
    accessReviews: z.array(AccessReviewSchema),
    audit: z.array(AuditEntrySchema),
  })
  .strict()
  .superRefine((file, ctx) => {
    const ids = new Set<string>();
    const emails = new Set<string>();
    const objectIds = new Set<string>();
    file.users.forEach((user, index) => {
      if (ids.has(user.id))
        ctx.addIssue({ code: 'custom', path: ['users', index, 'id'], message: 'duplicate user id' });
      ids.add(user.id);
      if (!user.email && !user.aadObjectId) {
        ctx.addIssue({ code: 'custom', path: ['users', index], message: 'needs an email or an Entra object id' });
      }
      if (user.status !== 'removed') {
        if (user.email) {
          if (emails.has(user.email))
            ctx.addIssue({ code: 'custom', path: ['users', index, 'email'], message: 'duplicate email' });
          emails.add(user.email);
        }
        if (user.aadObjectId) {
          if (objectIds.has(user.aadObjectId)) {
            ctx.addIssue({
              code: 'custom',
              path: ['users', index, 'aadObjectId'],
              message: 'duplicate Entra object id',
            });
          }
          objectIds.add(user.aadObjectId);
        }
      }
    });
    // A customer's domain and Microsoft ID belong to one customer of the partner (ended ones too:
    // the same company is taken up again, not added twice).
    const domains = new Set<string>();
    const microsoftIds = new Set<string>();
    const customerIds = new Set<string>();
    file.customers.forEach((customer, index) => {
      if (customerIds.has(customer.id))
        ctx.addIssue({ code: 'custom', path: ['customers', index, 'id'], message: 'duplicate customer id' });
      customerIds.add(customer.id);
      for (const domain of customer.domains) {
        if (domains.has(domain))
          ctx.addIssue({ code: 'custom', path: ['customers', index, 'domains'], message: `domain ${domain} twice` });
        domains.add(domain);
      }
      if (customer.microsoftId) {
        if (microsoftIds.has(customer.microsoftId))
          ctx.addIssue({
            code: 'custom',
            path: ['customers', index, 'microsoftId'],
            message: 'duplicate Microsoft ID',
          });
        microsoftIds.add(customer.microsoftId);
      }
    });
  });
export type OrganizationFile = z.infer<typeof OrganizationFileSchema>;
