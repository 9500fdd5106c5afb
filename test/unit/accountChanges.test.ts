import assert from 'node:assert/strict';
import type { DenialReason } from '../../src/domain/policy.js';
import type { RoleId } from '../../src/domain/roles.js';
import { addLocation } from '../../src/accounts/addLocation.js';
import { addUser, NewUserInvalidError, type NewUserInput } from '../../src/accounts/addUser.js';
import { associatePartnerId, PartnerIdAssociationError } from '../../src/accounts/associatePartnerId.js';
import { ChangeRefusedError, StaleChangeError, UnknownUserError } from '../../src/accounts/changeRefused.js';
import { changeRoles } from '../../src/accounts/changeRoles.js';
import { linkIdentity } from '../../src/accounts/linkIdentity.js';
import { markOnboardingComplete, NotNewlyCompleteError } from '../../src/accounts/onboardingChecklist.js';
import { ProfileInputError, sectionBasis } from '../../src/accounts/organizationProfile.js';
import { recordTaxExemptions } from '../../src/accounts/recordTaxExemptions.js';
import { removeUser } from '../../src/accounts/removeUser.js';
import { setPreferredLanguage } from '../../src/accounts/setPreferredLanguage.js';
import { NotificationEmailInvalidError, updateNotificationEmail } from '../../src/accounts/updateNotificationEmail.js';
import { updatePrimaryContact } from '../../src/accounts/updatePrimaryContact.js';
import { updateSupportProfile, type SupportProfile } from '../../src/accounts/updateSupportProfile.js';
import type { AuditDraft, ChangeOutcome } from '../../src/store/accountStore.js';
import { demoOrganization, DEMO_TENANT_ID } from '../../src/store/demoOrganization.js';
import { deepFreeze } from '../../src/store/freeze.js';
import type { ActorRef, Location, Organization, OrganizationFile, UserRecord } from '../../src/store/schema.js';
import type { OrganizationProfile } from '../../src/store/schema.js';
import { OTHER_TENANT } from '../helpers/people.js';

/**
 * Every change function of src/accounts/, as a table: for each, the happy paths (the whole next
 * document, the result and the audit entries it returns) and each refusal or invalid input (the
 * error and what it carries). Documents are deep-frozen, as the store hands them over, so a change
 * that modified its input would throw instead of passing. The parts a change does not touch must
 * keep their identity: the store journals a part when its reference changes.
 */

const NOW = '2026-11-20T10:00:00.000Z';
const LATER = '2026-11-21T10:00:00.000Z';
const DOC: OrganizationFile = deepFreeze(demoOrganization(NOW));
const ORG = { type: 'organization' as const, id: DEMO_TENANT_ID };
const SYSTEM: ActorRef = { userId: 'system', displayName: 'Partner Admin bot' };
const NEW_OBJECT_ID = '7a3e9c41-2b5d-4f80-9d16-3c8e5a7b1f99';

// ----- building documents and expectations -----

function user(document: OrganizationFile, id: string): UserRecord {
  const found = document.users.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no user ${id}`);
  return found;
}

function ref(id: string): ActorRef {
  return { userId: id, displayName: user(DOC, id).displayName };
}

function editUser(document: OrganizationFile, id: string, patch: Partial<UserRecord>): OrganizationFile {
  const users = document.users.map((candidate) => (candidate.id === id ? { ...candidate, ...patch } : candidate));
  return deepFreeze({ ...document, users });
}

function editOrganization(document: OrganizationFile, patch: Partial<Organization>): OrganizationFile {
  return deepFreeze({ ...document, organization: { ...document.organization, ...patch } });
}

function editProfile(document: OrganizationFile, patch: Partial<OrganizationProfile>): OrganizationFile {
  return editOrganization(document, { profile: { ...document.organization.profile, ...patch } });
}

function editLocation(document: OrganizationFile, id: string, change: (location: Location) => Location) {
  const locations = document.organization.profile.locations.map((place) => (place.id === id ? change(place) : place));
  return editProfile(document, { locations });
}

/** The document with one user replaced, as a change leaves it. */
function withUser(document: OrganizationFile, after: UserRecord): OrganizationFile {
  return { ...document, users: document.users.map((candidate) => (candidate.id === after.id ? after : candidate)) };
}

/** The user as a change by `actor` at `now` leaves them: one revision on. */
function updated(target: UserRecord, patch: Partial<UserRecord>, actor: ActorRef, now = NOW): UserRecord {
  return { ...target, ...patch, revision: target.revision + 1, updatedAt: now, updatedBy: actor };
}

/** Tax recorded and a second active Global admin: every onboarding step is done. */
const COMPLETE = editOrganization(editUser(DOC, 'u-megan', { roles: ['global_admin', 'billing_admin'] }), {
  onboarding: { taxExemptions: { state: 'filed', recordedAt: NOW, recordedBy: ref('u-megan') } },
});
const COMPLETED = editOrganization(COMPLETE, {
  onboarding: { ...COMPLETE.organization.onboarding, completedAt: NOW },
});
/** A newly bootstrapped organization: its tenant's country unknown, no location linked. */
const NO_TENANT_COUNTRY = editProfile(
  editLocation(DOC, 'loc-paris', ({ cspTenantId: _unlinked, ...location }) => location),
  { tenants: [{ tenantId: DEMO_TENANT_ID, name: 'Contoso Cloud Services', primary: true }] },
);

// ----- the table -----

interface Expected {
  next: OrganizationFile;
  result: unknown;
  audit: AuditDraft[];
}

interface Happy {
  name: string;
  document?: OrganizationFile;
  run: (document: OrganizationFile) => ChangeOutcome<unknown>;
  expected: (before: OrganizationFile, outcome: ChangeOutcome<unknown>) => Expected;
}

interface Refusal {
  name: string;
  document?: OrganizationFile;
  run: (document: OrganizationFile) => unknown;
  /** The error class, and what it must carry. */
  error: abstract new (...args: never[]) => Error;
  carries?: Record<string, unknown>;
}

interface ChangeTable {
  change: string;
  happy: Happy[];
  refusals: Refusal[];
}

type Refused = Pick<Refusal, 'error' | 'carries'>;

const refused = (reason: DenialReason, extra: Record<string, unknown> = {}): Refused => ({
  error: ChangeRefusedError,
  carries: { decision: { allowed: false, reason, ...extra } },
});
const missing = (permission: string) => refused('missing_permission', { permission });
const invalid = (error: Refusal['error'], carries: Record<string, unknown>): Refused => ({ error, carries });

const SOMEONE: NewUserInput = { displayName: 'Grady Archie', email: 'gradya@contoso.com', roles: ['report_viewer'] };

interface NewUser {
  name: string;
  email: string;
  roles: RoleId[];
  privileged: RoleId[];
}

function newUserExpected(actor: string, input: NewUser) {
  return (before: OrganizationFile, outcome: ChangeOutcome<unknown>): Expected => {
    const { id } = outcome.result as UserRecord;
    assert.match(id, /^u-[0-9a-f-]{36}$/);
    const by = ref(actor);
    const { name, email, roles, privileged } = input;
    const record: UserRecord = {
      id,
      displayName: name,
      email,
      roles,
      status: 'invited',
      revision: 0,
      createdAt: NOW,
      createdBy: by,
      updatedAt: NOW,
      updatedBy: by,
    };
    const after = { displayName: name, email, roles, status: 'invited', privilegedRoles: privileged };
    return {
      next: { ...before, users: [...before.users, record] },
      result: record,
      audit: [{ actor: by, action: 'user.added', target: { type: 'user', id }, outcome: 'applied', after }],
    };
  };
}

const ADD_USER: ChangeTable = {
  change: 'addUser',
  happy: [
    {
      name: 'a Global admin adds a user: invited, name tidied, email lower-case, each role once',
      run: (d) => {
        const roles: RoleId[] = ['referrals_user', 'referrals_user'];
        return addUser(d, 'u-alex', { displayName: '  Grady   Archie ', email: ' GradyA@Contoso.com ', roles }, NOW);
      },
      expected: newUserExpected('u-alex', {
        name: 'Grady Archie',
        email: 'gradya@contoso.com',
        roles: ['referrals_user'],
        privileged: [],
      }),
    },
    {
      name: 'privileged roles given are named in the audit entry',
      run: (d) => addUser(d, 'u-alex', { ...SOMEONE, roles: ['admin_agent', 'billing_admin'] }, NOW),
      expected: newUserExpected('u-alex', {
        name: 'Grady Archie',
        email: 'gradya@contoso.com',
        roles: ['admin_agent', 'billing_admin'],
        privileged: ['admin_agent'],
      }),
    },
    {
      name: 'a User management admin adds someone with the work email of a removed user',
      document: editUser(DOC, 'u-lynne', { status: 'removed' }),
      run: (d) => {
        const input = { ...SOMEONE, displayName: 'Lynne Robbins', email: 'lynner@contoso.com' };
        return addUser(d, 'u-nestor', input, NOW);
      },
      expected: newUserExpected('u-nestor', {
        name: 'Lynne Robbins',
        email: 'lynner@contoso.com',
        roles: ['report_viewer'],
        privileged: [],
      }),
    },
  ],
  refusals: [
    {
      name: 'an actor who is not in the organization',
      run: (d) => addUser(d, 'u-ghost', SOMEONE, NOW),
      ...invalid(UnknownUserError, { userId: 'u-ghost' }),
    },
    {
      name: 'a Report viewer may not add users',
      run: (d) => addUser(d, 'u-lynne', SOMEONE, NOW),
      ...missing('users.create'),
    },
    {
      name: 'a removed actor',
      document: editUser(DOC, 'u-nestor', { status: 'removed' }),
      run: (d) => addUser(d, 'u-nestor', SOMEONE, NOW),
      ...refused('actor_not_active'),
    },
    {
      name: 'no role chosen',
      run: (d) => addUser(d, 'u-alex', { ...SOMEONE, roles: [] }, NOW),
      ...refused('no_roles'),
    },
    {
      name: 'a User management admin may not give Global admin',
      run: (d) => addUser(d, 'u-nestor', { ...SOMEONE, roles: ['global_admin', 'report_viewer'] }, NOW),
      ...refused('role_requires_global_admin', { roles: ['global_admin'] }),
    },
    {
      name: 'a work email another user has (any case)',
      run: (d) => addUser(d, 'u-alex', { ...SOMEONE, email: 'AdeleV@contoso.com' }, NOW),
      ...invalid(NewUserInvalidError, { problems: { email: 'duplicate' } }),
    },
    {
      name: 'an email that is not one',
      run: (d) => addUser(d, 'u-alex', { ...SOMEONE, email: 'ab@' }, NOW),
      ...invalid(NewUserInvalidError, { problems: { email: 'invalid' } }),
    },
    {
      name: 'no name and no email',
      run: (d) => addUser(d, 'u-alex', { ...SOMEONE, displayName: '   ', email: ' ' }, NOW),
      ...invalid(NewUserInvalidError, { problems: { displayName: 'required', email: 'required' } }),
    },
    {
      name: 'a name over 100 characters',
      run: (d) => addUser(d, 'u-alex', { ...SOMEONE, displayName: 'A'.repeat(101) }, NOW),
      ...invalid(NewUserInvalidError, { problems: { displayName: 'too_long' } }),
    },
    {
      name: 'a name with a direction override',
      run: (d) => addUser(d, 'u-alex', { ...SOMEONE, displayName: 'Adele\u202EVance' }, NOW),
      ...invalid(NewUserInvalidError, { problems: { displayName: 'invalid_characters' } }),
    },
  ],
};

type RoleDifference = { added: RoleId[]; removed: RoleId[] };

function rolesExpected(target: string, roles: RoleId[], difference: RoleDifference, privilegedAdded: RoleId[]) {
  return (before: OrganizationFile): Expected => {
    const previous = user(before, target);
    const after = updated(previous, { roles }, ref('u-alex'));
    return {
      next: withUser(before, after),
      result: { user: after, difference },
      audit: [
        {
          actor: ref('u-alex'),
          action: 'user.roles_changed',
          target: { type: 'user', id: target },
          outcome: 'applied',
          before: { roles: previous.roles },
          after: { roles, ...difference, privilegedAdded },
        },
      ],
    };
  };
}

const CHANGE_ROLES: ChangeTable = {
  change: 'changeRoles',
  happy: [
    {
      name: 'a Global admin adds a role (given twice: kept once)',
      run: (d) => changeRoles(d, 'u-alex', 'u-lynne', ['report_viewer', 'referrals_user', 'referrals_user'], 0, NOW),
      expected: rolesExpected(
        'u-lynne',
        ['report_viewer', 'referrals_user'],
        { added: ['referrals_user'], removed: [] },
        [],
      ),
    },
    {
      name: 'roles swapped: what was added, removed and privileged is in the audit entry',
      run: (d) => changeRoles(d, 'u-alex', 'u-isaiah', ['user_management_admin'], 0, NOW),
      expected: rolesExpected(
        'u-isaiah',
        ['user_management_admin'],
        { added: ['user_management_admin'], removed: ['admin_agent', 'helpdesk_agent'] },
        ['user_management_admin'],
      ),
    },
  ],
  refusals: [
    {
      name: 'a card older than the user (stale revision)',
      run: (d) => changeRoles(d, 'u-alex', 'u-lynne', ['referrals_user'], 3, NOW),
      ...invalid(StaleChangeError, { targetId: 'u-lynne' }),
    },
    {
      name: 'a user who is not in the organization',
      run: (d) => changeRoles(d, 'u-alex', 'u-ghost', ['referrals_user'], 0, NOW),
      ...invalid(UnknownUserError, { userId: 'u-ghost' }),
    },
    {
      name: 'an actor who is not in the organization',
      run: (d) => changeRoles(d, 'u-ghost', 'u-lynne', ['referrals_user'], 0, NOW),
      ...invalid(UnknownUserError, { userId: 'u-ghost' }),
    },
    {
      name: 'a Report viewer takes a role away',
      run: (d) => changeRoles(d, 'u-lynne', 'u-megan', ['billing_admin'], 0, NOW),
      ...refused('role_not_grantable', { roles: ['incentives_admin'] }),
    },
    {
      name: 'the last active Global admin gives up Global admin',
      run: (d) => changeRoles(d, 'u-alex', 'u-alex', ['report_viewer'], 0, NOW),
      ...refused('last_global_admin'),
    },
    { name: 'no role left', run: (d) => changeRoles(d, 'u-alex', 'u-lynne', [], 0, NOW), ...refused('no_roles') },
    {
      name: 'a removed user',
      document: editUser(DOC, 'u-lynne', { status: 'removed' }),
      run: (d) => changeRoles(d, 'u-alex', 'u-lynne', ['referrals_user'], 0, NOW),
      ...refused('target_removed'),
    },
  ],
};

function removedExpected(actor: string, target: string) {
  return (before: OrganizationFile): Expected => {
    const previous = user(before, target);
    const after = updated(previous, { status: 'removed' }, ref(actor));
    return {
      next: withUser(before, after),
      result: after,
      audit: [
        {
          actor: ref(actor),
          action: 'user.removed',
          target: { type: 'user', id: target },
          outcome: 'applied',
          before: { status: previous.status, roles: previous.roles },
          after: { status: 'removed' },
        },
      ],
    };
  };
}

const REMOVE_USER: ChangeTable = {
  change: 'removeUser',
  happy: [
    {
      name: 'a Global admin removes a user: marked removed, roles kept',
      run: (d) => removeUser(d, 'u-alex', 'u-lynne', 0, NOW),
      expected: removedExpected('u-alex', 'u-lynne'),
    },
    {
      name: 'a User management admin removes an invited user',
      run: (d) => removeUser(d, 'u-nestor', 'u-diego', 0, NOW),
      expected: removedExpected('u-nestor', 'u-diego'),
    },
  ],
  refusals: [
    { name: 'oneself', run: (d) => removeUser(d, 'u-alex', 'u-alex', 0, NOW), ...refused('cannot_remove_self') },
    {
      name: 'a Global admin, by someone who is not one',
      run: (d) => removeUser(d, 'u-nestor', 'u-alex', 0, NOW),
      ...refused('only_global_admin_removes_global_admin'),
    },
    {
      name: 'by a Report viewer',
      run: (d) => removeUser(d, 'u-lynne', 'u-megan', 0, NOW),
      ...missing('users.remove'),
    },
    {
      name: 'someone already removed',
      document: editUser(DOC, 'u-lynne', { status: 'removed' }),
      run: (d) => removeUser(d, 'u-alex', 'u-lynne', 0, NOW),
      ...refused('target_removed'),
    },
    {
      name: 'a stale card',
      run: (d) => removeUser(d, 'u-alex', 'u-lynne', 1, NOW),
      ...invalid(StaleChangeError, { targetId: 'u-lynne' }),
    },
    {
      name: 'a user who is not in the organization',
      run: (d) => removeUser(d, 'u-alex', 'u-ghost', 0, NOW),
      ...invalid(UnknownUserError, { userId: 'u-ghost' }),
    },
  ],
};

function notificationExpected(actor: string, target: string, address: string) {
  return (before: OrganizationFile): Expected => {
    const previous = user(before, target);
    const after = updated(previous, { notificationEmail: address }, ref(actor));
    return {
      next: withUser(before, after),
      result: after,
      audit: [
        {
          actor: ref(actor),
          action: 'user.notification_email_changed',
          target: { type: 'user', id: target },
          outcome: 'applied',
          before: { notificationEmail: previous.email },
          after: { notificationEmail: address },
        },
      ],
    };
  };
}

const emailRefused = (problem: string) => invalid(NotificationEmailInvalidError, { problem });

const NOTIFICATION_EMAIL: ChangeTable = {
  change: 'updateNotificationEmail',
  happy: [
    {
      name: 'anyone sets their own (trimmed, lower-case)',
      run: (d) => updateNotificationEmail(d, 'u-lynne', 'u-lynne', ' Lynne.Robbins@Fabrikam.com ', 0, NOW),
      expected: notificationExpected('u-lynne', 'u-lynne', 'lynne.robbins@fabrikam.com'),
    },
    {
      name: 'a Global admin sets someone else’s',
      run: (d) => updateNotificationEmail(d, 'u-alex', 'u-megan', 'billing@contoso.com', 0, NOW),
      expected: notificationExpected('u-alex', 'u-megan', 'billing@contoso.com'),
    },
  ],
  refusals: [
    {
      name: 'an onmicrosoft.com address (Microsoft sends it nothing)',
      run: (d) => updateNotificationEmail(d, 'u-lynne', 'u-lynne', 'lynne@contoso.onmicrosoft.com', 0, NOW),
      ...emailRefused('onmicrosoft'),
    },
    {
      name: 'the address it already goes to',
      run: (d) => updateNotificationEmail(d, 'u-lynne', 'u-lynne', 'LynneR@contoso.com', 0, NOW),
      ...emailRefused('unchanged'),
    },
    {
      name: 'not an email',
      run: (d) => updateNotificationEmail(d, 'u-lynne', 'u-lynne', 'lynne@', 0, NOW),
      ...emailRefused('invalid'),
    },
    {
      name: 'empty',
      run: (d) => updateNotificationEmail(d, 'u-lynne', 'u-lynne', '  ', 0, NOW),
      ...emailRefused('required'),
    },
    {
      name: 'someone else’s, without the right',
      run: (d) => updateNotificationEmail(d, 'u-lynne', 'u-megan', 'x@fabrikam.com', 0, NOW),
      ...missing('users.update_notification_email_of_others'),
    },
    {
      name: 'a removed user’s',
      document: editUser(DOC, 'u-megan', { status: 'removed' }),
      run: (d) => updateNotificationEmail(d, 'u-alex', 'u-megan', 'x@fabrikam.com', 0, NOW),
      ...refused('target_removed'),
    },
    {
      name: 'a stale card',
      run: (d) => updateNotificationEmail(d, 'u-alex', 'u-megan', 'x@fabrikam.com', 2, NOW),
      ...invalid(StaleChangeError, { targetId: 'u-megan' }),
    },
    {
      name: 'a user who is not in the organization',
      run: (d) => updateNotificationEmail(d, 'u-alex', 'u-ghost', 'x@fabrikam.com', 0, NOW),
      ...invalid(UnknownUserError, { userId: 'u-ghost' }),
    },
  ],
};

function languageExpected(id: string, language: 'en' | 'fr', previous: 'en' | 'fr' | null) {
  return (before: OrganizationFile): Expected => {
    const after = updated(user(before, id), { preferredLanguage: language }, ref(id));
    return {
      next: withUser(before, after),
      result: after,
      audit: [
        {
          actor: ref(id),
          action: 'user.language_changed',
          target: { type: 'user', id },
          outcome: 'applied',
          before: { preferredLanguage: previous },
          after: { preferredLanguage: language },
        },
      ],
    };
  };
}

const PREFERRED_LANGUAGE: ChangeTable = {
  change: 'setPreferredLanguage',
  happy: [
    {
      name: 'a first choice',
      run: (d) => setPreferredLanguage(d, 'u-alex', 'fr', NOW),
      expected: languageExpected('u-alex', 'fr', null),
    },
    {
      name: 'back to English',
      run: (d) => setPreferredLanguage(d, 'u-patti', 'en', NOW),
      expected: languageExpected('u-patti', 'en', 'fr'),
    },
  ],
  refusals: [
    {
      name: 'a user who is not in the organization',
      run: (d) => setPreferredLanguage(d, 'u-ghost', 'fr', NOW),
      ...invalid(UnknownUserError, { userId: 'u-ghost' }),
    },
  ],
};

/** A bootstrap admin known only by Entra object id, named by it until Teams says who they are. */
const BOOTSTRAP_ADMIN: UserRecord = {
  id: 'bootstrap-1',
  displayName: NEW_OBJECT_ID,
  aadObjectId: NEW_OBJECT_ID,
  roles: ['global_admin'],
  status: 'invited',
  revision: 0,
  createdAt: NOW,
  createdBy: SYSTEM,
  updatedAt: NOW,
  updatedBy: SYSTEM,
};

function linkedAudit(actor: ActorRef, target: string, before: string | null): AuditDraft[] {
  return [
    {
      actor,
      action: 'user.linked',
      target: { type: 'user', id: target },
      outcome: 'applied',
      before: { status: 'invited', aadObjectId: before },
      after: { status: 'active', aadObjectId: NEW_OBJECT_ID },
    },
  ];
}

const LINK_IDENTITY: ChangeTable = {
  change: 'linkIdentity',
  happy: [
    {
      name: 'an invited user talks to the bot: linked and active, their own name kept',
      run: (d) => linkIdentity(d, 'u-diego', { aadObjectId: NEW_OBJECT_ID, displayName: 'Diego S.' }, NOW),
      expected: (before) => {
        const linked = { aadObjectId: NEW_OBJECT_ID, status: 'active' as const };
        const after = updated(user(before, 'u-diego'), linked, ref('u-diego'));
        return { next: withUser(before, after), result: after, audit: linkedAudit(ref('u-diego'), 'u-diego', null) };
      },
    },
    {
      name: 'a bootstrap admin named by object id gets the name and email Teams reports',
      document: deepFreeze({ ...DOC, users: [...DOC.users, BOOTSTRAP_ADMIN] }),
      run: (d) => {
        const identity = { aadObjectId: NEW_OBJECT_ID, displayName: 'Grady Archie', email: 'gradya@contoso.com' };
        return linkIdentity(d, 'bootstrap-1', identity, NOW);
      },
      expected: (before) => {
        const after = updated(
          BOOTSTRAP_ADMIN,
          { email: 'gradya@contoso.com', displayName: 'Grady Archie', status: 'active' },
          { userId: 'bootstrap-1', displayName: NEW_OBJECT_ID },
        );
        const actor = { userId: 'bootstrap-1', displayName: 'Grady Archie' };
        const audit = linkedAudit(actor, 'bootstrap-1', NEW_OBJECT_ID);
        return { next: withUser(before, after), result: after, audit };
      },
    },
  ],
  refusals: [
    {
      name: 'a user who is not in the organization',
      run: (d) => linkIdentity(d, 'u-ghost', { aadObjectId: NEW_OBJECT_ID }, NOW),
      ...invalid(Error, { message: 'No user u-ghost to link' }),
    },
    {
      name: 'a removed user',
      document: editUser(DOC, 'u-diego', { status: 'removed' }),
      run: (d) => linkIdentity(d, 'u-diego', { aadObjectId: NEW_OBJECT_ID }, NOW),
      ...invalid(Error, { message: 'No user u-diego to link' }),
    },
    {
      name: 'an object id that belongs to someone else',
      run: (d) => linkIdentity(d, 'u-diego', { aadObjectId: user(DOC, 'u-alex').aadObjectId! }, NOW),
      ...invalid(Error, { message: 'Entra object id already belongs to user u-alex' }),
    },
  ],
};

const SUPPORT_BASIS = sectionBasis(DOC.organization.profile.supportProfile);
const SUPPORT = { website: '', email: 'help@contoso.fr', phone: '+33 1 70 36 42 98' };

function supportExpected(actor: string, value: SupportProfile) {
  return (before: OrganizationFile): Expected => ({
    next: editProfile(before, { supportProfile: value }),
    result: value,
    audit: [
      {
        actor: ref(actor),
        action: 'organization.support_profile_changed',
        target: ORG,
        outcome: 'applied',
        before: before.organization.profile.supportProfile,
        after: value,
      },
    ],
  });
}

const profileRefused = (problems: Record<string, string>) => invalid(ProfileInputError, { problems });

const SUPPORT_PROFILE: ChangeTable = {
  change: 'updateSupportProfile',
  happy: [
    {
      name: 'an Account admin sets all three: https added, email lower-case, phone read in the home country',
      run: (d) => {
        const input = { website: 'help.contoso.fr', email: ' Help@Contoso.fr ', phone: '01 70 36 42 98' };
        return updateSupportProfile(d, 'u-patti', input, SUPPORT_BASIS);
      },
      expected: supportExpected('u-patti', {
        website: 'https://help.contoso.fr/',
        email: 'help@contoso.fr',
        phone: '+33 1 70 36 42 98',
      }),
    },
    {
      name: 'without a website (it is optional)',
      run: (d) => {
        const input = { ...SUPPORT, website: ' ', phone: '+1 425 555 0100' };
        return updateSupportProfile(d, 'u-alex', input, SUPPORT_BASIS);
      },
      expected: supportExpected('u-alex', { email: 'help@contoso.fr', phone: '+1 425 555 0100' }),
    },
  ],
  refusals: [
    {
      name: 'changed since the card was shown',
      run: (d) => updateSupportProfile(d, 'u-alex', SUPPORT, 'null'),
      ...invalid(StaleChangeError, { targetId: 'organization' }),
    },
    {
      name: 'a website that is not http(s), an email and a phone that are not ones',
      run: (d) => {
        const input = { website: 'javascript:alert(1)', email: 'help@', phone: 'call us' };
        return updateSupportProfile(d, 'u-alex', input, SUPPORT_BASIS);
      },
      ...profileRefused({ website: 'not_https', email: 'invalid', phone: 'invalid' }),
    },
    {
      name: 'no email and no phone',
      run: (d) => updateSupportProfile(d, 'u-alex', { website: '', email: '', phone: '' }, SUPPORT_BASIS),
      ...profileRefused({ email: 'required', phone: 'required' }),
    },
    {
      name: 'a Report viewer',
      run: (d) => updateSupportProfile(d, 'u-lynne', SUPPORT, SUPPORT_BASIS),
      ...missing('org.update_support_profile'),
    },
  ],
};

const CONTACT_BASIS = sectionBasis(DOC.organization.profile.primaryContact);
const CONTACT_INPUT = { firstName: ' Grady ', lastName: 'Archie', email: 'GradyA@Contoso.com', phone: '0170364210' };
const CONTACT = { firstName: 'Grady', lastName: 'Archie', email: 'gradya@contoso.com', phone: '+33 1 70 36 42 10' };

function contactAudit(actor: string, before: unknown, verification: [string, string]): AuditDraft[] {
  return [
    {
      actor: ref(actor),
      action: 'organization.primary_contact_changed',
      target: ORG,
      outcome: 'applied',
      before: { primaryContact: before, verification: verification[0] },
      after: { primaryContact: CONTACT, verification: verification[1] },
    },
  ];
}

const PRIMARY_CONTACT: ChangeTable = {
  change: 'updatePrimaryContact',
  happy: [
    {
      name: 'a verified account goes back to pending: Microsoft verifies the new contact',
      run: (d) => updatePrimaryContact(d, 'u-alex', CONTACT_INPUT, CONTACT_BASIS, LATER),
      expected: (before) => ({
        next: editProfile(before, { primaryContact: CONTACT, verification: { status: 'pending', updatedAt: LATER } }),
        result: { contact: CONTACT, verification: 'pending' },
        audit: contactAudit('u-alex', before.organization.profile.primaryContact, ['authorized', 'pending']),
      }),
    },
    {
      name: 'an account not yet verified keeps its status (and its record)',
      document: editProfile(DOC, { verification: { status: 'none', updatedAt: NOW }, primaryContact: undefined }),
      run: (d) => updatePrimaryContact(d, 'u-patti', CONTACT_INPUT, 'null', LATER),
      expected: (before) => ({
        next: editProfile(before, { primaryContact: CONTACT }),
        result: { contact: CONTACT, verification: 'none' },
        audit: contactAudit('u-patti', null, ['none', 'none']),
      }),
    },
  ],
  refusals: [
    {
      name: 'an onmicrosoft.com address',
      run: (d) => {
        const input = { ...CONTACT_INPUT, email: 'grady@contoso.onmicrosoft.com' };
        return updatePrimaryContact(d, 'u-alex', input, CONTACT_BASIS, NOW);
      },
      ...profileRefused({ email: 'onmicrosoft' }),
    },
    {
      name: 'no names',
      run: (d) => {
        const input = { ...CONTACT_INPUT, firstName: '', lastName: ' ' };
        return updatePrimaryContact(d, 'u-alex', input, CONTACT_BASIS, NOW);
      },
      ...profileRefused({ firstName: 'required', lastName: 'required' }),
    },
    {
      name: 'a phone without country code when the organization’s country is unknown',
      document: editProfile(NO_TENANT_COUNTRY, { legal: { legalName: 'Contoso' } }),
      run: (d) => updatePrimaryContact(d, 'u-alex', CONTACT_INPUT, CONTACT_BASIS, NOW),
      ...profileRefused({ phone: 'needs_country_code' }),
    },
    {
      name: 'changed since the card was shown',
      run: (d) => updatePrimaryContact(d, 'u-alex', CONTACT_INPUT, 'null', NOW),
      ...invalid(StaleChangeError, { targetId: 'organization' }),
    },
    {
      name: 'a Report viewer',
      run: (d) => updatePrimaryContact(d, 'u-lynne', CONTACT_INPUT, CONTACT_BASIS, NOW),
      ...missing('org.update_primary_contact'),
    },
  ],
};

const NICE = { name: ' Contoso – Nice ', city: 'Nice', country: 'FR', partnerId: '610 4529' };

const ADD_LOCATION: ChangeTable = {
  change: 'addLocation',
  happy: [
    {
      name: 'an Account admin records a location: active, name tidied, PartnerID without spaces',
      run: (d) => addLocation(d, 'u-patti', NICE),
      expected: (before, outcome) => {
        const { id } = outcome.result as Location;
        assert.match(id, /^loc-[0-9a-f-]{36}$/);
        const location: Location = {
          id,
          name: 'Contoso – Nice',
          city: 'Nice',
          country: 'FR',
          partnerId: '6104529',
          status: 'active',
        };
        const audit: AuditDraft = {
          actor: ref('u-patti'),
          action: 'organization.location_added',
          target: ORG,
          outcome: 'applied',
          after: location,
        };
        return {
          next: editProfile(before, { locations: [...before.organization.profile.locations, location] }),
          result: location,
          audit: [audit],
        };
      },
    },
  ],
  refusals: [
    {
      name: 'a PartnerID another location has',
      run: (d) => addLocation(d, 'u-alex', { ...NICE, partnerId: '6104522' }),
      ...profileRefused({ partnerId: 'duplicate' }),
    },
    {
      name: 'a PartnerID that is not one',
      run: (d) => addLocation(d, 'u-alex', { ...NICE, partnerId: '12' }),
      ...profileRefused({ partnerId: 'invalid' }),
    },
    {
      name: 'nothing filled in but an unknown country',
      run: (d) => addLocation(d, 'u-alex', { name: '', city: '', country: 'XX', partnerId: '' }),
      ...profileRefused({ name: 'required', city: 'required', country: 'required', partnerId: 'required' }),
    },
    { name: 'a Report viewer', run: (d) => addLocation(d, 'u-lynne', NICE), ...missing('org.manage_locations') },
  ],
};

/** Paris was linked; Lyon is now, and the tenant's link left Paris (one-to-one). */
function movedToLyon(before: OrganizationFile): Expected {
  const [paris, lyon, montreal] = before.organization.profile.locations as [Location, Location, Location];
  const { cspTenantId: _moved, ...unlinkedParis } = paris;
  const linked: Location = { ...lyon, cspTenantId: DEMO_TENANT_ID };
  return {
    next: editProfile(before, { locations: [unlinkedParis, linked, montreal] }),
    result: { location: linked, previous: paris },
    audit: [
      {
        actor: ref('u-patti'),
        action: 'organization.partner_id_associated',
        target: ORG,
        outcome: 'applied',
        before: { partnerId: '6104521' },
        after: { partnerId: '6104522', locationId: 'loc-lyon', tenantCountry: 'FR' },
      },
    ],
  };
}

const association = (problem: string, extra: Record<string, unknown> = {}) =>
  invalid(PartnerIdAssociationError, { problem, ...extra });

const ASSOCIATE_PARTNER_ID: ChangeTable = {
  change: 'associatePartnerId',
  happy: [
    {
      name: 'a location chosen from the list: the tenant’s link moves to it',
      run: (d) => associatePartnerId(d, 'u-patti', { locationId: 'loc-lyon' }),
      expected: movedToLyon,
    },
    {
      name: 'a PartnerID typed (spaces ignored)',
      run: (d) => associatePartnerId(d, 'u-patti', { partnerId: '610 4522' }),
      expected: movedToLyon,
    },
    {
      name: 'a new organization: the tenant’s country, given with the link, is kept on the tenant',
      document: NO_TENANT_COUNTRY,
      run: (d) => associatePartnerId(d, 'u-alex', { locationId: 'loc-paris', tenantCountry: 'FR' }),
      expected: (before) => {
        const [paris, ...others] = before.organization.profile.locations as [Location, ...Location[]];
        const linked: Location = { ...paris, cspTenantId: DEMO_TENANT_ID };
        const tenant = { tenantId: DEMO_TENANT_ID, name: 'Contoso Cloud Services', primary: true, country: 'FR' };
        return {
          next: editProfile(before, { locations: [linked, ...others], tenants: [tenant] }),
          result: { location: linked },
          audit: [
            {
              actor: ref('u-alex'),
              action: 'organization.partner_id_associated',
              target: ORG,
              outcome: 'applied',
              before: { partnerId: null },
              after: { partnerId: '6104521', locationId: 'loc-paris', tenantCountry: 'FR' },
            },
          ],
        };
      },
    },
  ],
  refusals: [
    {
      name: 'the location it is already linked to',
      run: (d) => associatePartnerId(d, 'u-patti', { locationId: 'loc-paris' }),
      ...association('already_associated'),
    },
    {
      name: 'an inactive location',
      run: (d) => associatePartnerId(d, 'u-patti', { locationId: 'loc-montreal' }),
      ...association('inactive'),
    },
    {
      name: 'a PartnerID no location has',
      run: (d) => associatePartnerId(d, 'u-patti', { partnerId: '9999999' }),
      ...association('unknown_partner_id'),
    },
    {
      name: 'a location id that does not exist',
      run: (d) => associatePartnerId(d, 'u-patti', { locationId: 'loc-ghost' }),
      ...association('unknown_partner_id'),
    },
    {
      name: 'a PartnerID that is not one',
      run: (d) => associatePartnerId(d, 'u-patti', { partnerId: '12' }),
      ...association('invalid_partner_id'),
    },
    {
      name: 'a location in another country than the tenant',
      document: editLocation(DOC, 'loc-montreal', (location) => ({ ...location, status: 'active' })),
      run: (d) => associatePartnerId(d, 'u-patti', { locationId: 'loc-montreal' }),
      ...association('country_mismatch', { tenantCountry: 'FR' }),
    },
    {
      name: 'a location linked to another tenant (one-to-one)',
      document: editLocation(DOC, 'loc-lyon', (location) => ({ ...location, cspTenantId: OTHER_TENANT })),
      run: (d) => associatePartnerId(d, 'u-patti', { locationId: 'loc-lyon' }),
      ...association('linked_to_other_tenant'),
    },
    {
      name: 'the tenant’s country unknown and not given',
      document: NO_TENANT_COUNTRY,
      run: (d) => associatePartnerId(d, 'u-alex', { locationId: 'loc-paris' }),
      ...association('tenant_country_required'),
    },
    {
      name: 'a tenant country that is not a country',
      run: (d) => associatePartnerId(d, 'u-patti', { locationId: 'loc-lyon', tenantCountry: 'XX' }),
      ...association('tenant_country_required'),
    },
    {
      name: 'a Report viewer',
      run: (d) => associatePartnerId(d, 'u-lynne', { locationId: 'loc-lyon' }),
      ...missing('org.manage_locations'),
    },
  ],
};

function taxExpected(actor: string, state: 'filed' | 'not_applicable', previous: 'filed' | null) {
  return (before: OrganizationFile): Expected => {
    const taxExemptions = { state, recordedAt: NOW, recordedBy: ref(actor) };
    return {
      next: editOrganization(before, { onboarding: { ...before.organization.onboarding, taxExemptions } }),
      result: state,
      audit: [
        {
          actor: ref(actor),
          action: 'organization.tax_exemptions_recorded',
          target: ORG,
          outcome: 'applied',
          before: { state: previous },
          after: { state },
        },
      ],
    };
  };
}

const TAX_EXEMPTIONS: ChangeTable = {
  change: 'recordTaxExemptions',
  happy: [
    {
      name: 'a Billing admin records them filed',
      run: (d) => recordTaxExemptions(d, 'u-megan', 'filed', NOW),
      expected: taxExpected('u-megan', 'filed', null),
    },
    {
      name: 'changed to not applicable; the checklist’s completion is kept',
      document: COMPLETED,
      run: (d) => recordTaxExemptions(d, 'u-alex', 'not_applicable', NOW),
      expected: taxExpected('u-alex', 'not_applicable', 'filed'),
    },
  ],
  refusals: [
    {
      name: 'a Report viewer',
      run: (d) => recordTaxExemptions(d, 'u-lynne', 'filed', NOW),
      ...missing('billing.update_tax_id'),
    },
    {
      name: 'an actor who is not in the organization',
      run: (d) => recordTaxExemptions(d, 'u-ghost', 'filed', NOW),
      ...invalid(UnknownUserError, { userId: 'u-ghost' }),
    },
  ],
};

const ONBOARDING_COMPLETE: ChangeTable = {
  change: 'markOnboardingComplete',
  happy: [
    {
      name: 'every step done: completed once, by the bot',
      document: COMPLETE,
      run: (d) => markOnboardingComplete(d, LATER),
      expected: (before) => ({
        next: editOrganization(before, { onboarding: { ...before.organization.onboarding, completedAt: LATER } }),
        result: true,
        audit: [{ actor: SYSTEM, action: 'organization.onboarding_completed', target: ORG, outcome: 'applied' }],
      }),
    },
  ],
  refusals: [
    {
      name: 'steps still to do (tax, a second Global admin)',
      run: (d) => markOnboardingComplete(d, NOW),
      ...invalid(NotNewlyCompleteError, {}),
    },
    {
      name: 'already marked complete',
      document: COMPLETED,
      run: (d) => markOnboardingComplete(d, LATER),
      ...invalid(NotNewlyCompleteError, {}),
    },
  ],
};

const TABLES: ChangeTable[] = [
  ADD_USER,
  CHANGE_ROLES,
  REMOVE_USER,
  NOTIFICATION_EMAIL,
  PREFERRED_LANGUAGE,
  LINK_IDENTITY,
  SUPPORT_PROFILE,
  PRIMARY_CONTACT,
  ADD_LOCATION,
  ASSOCIATE_PARTNER_ID,
  TAX_EXEMPTIONS,
  ONBOARDING_COMPLETE,
];

/** JSON equality: what is stored (an optional field rebuilt as undefined is the same part on disk). */
function sameJson(actual: unknown, expected: unknown, message: string): void {
  assert.deepEqual(JSON.parse(JSON.stringify(actual)), JSON.parse(JSON.stringify(expected)), message);
}

describe('account changes (src/accounts/): each function, its happy paths and its refusals', () => {
  for (const table of TABLES) {
    describe(table.change, () => {
      for (const row of table.happy) {
        it(row.name, () => {
          const before = row.document ?? DOC;
          const outcome = row.run(before);
          const expected = row.expected(before, outcome);
          sameJson(outcome.next, expected.next, 'the next document');
          sameJson(outcome.result, expected.result, 'the result');
          assert.deepEqual(outcome.audit, expected.audit, 'the audit entries');
          for (const part of Object.keys(before) as (keyof OrganizationFile)[]) {
            if (JSON.stringify(expected.next[part]) === JSON.stringify(before[part])) {
              assert.equal(outcome.next[part], before[part], `"${part}" is unchanged, so it keeps its identity`);
            } else {
              assert.notEqual(outcome.next[part], before[part], `"${part}" changed, so it is a new value`);
            }
          }
        });
      }
      for (const row of table.refusals) {
        it(`refused: ${row.name}`, () => {
          assert.throws(
            () => row.run(row.document ?? DOC),
            (error: Error) => {
              assert.ok(error instanceof row.error, `${error.name}: ${error.message}`);
              for (const [field, value] of Object.entries(row.carries ?? {})) {
                assert.deepEqual((error as unknown as Record<string, unknown>)[field], value, field);
              }
              return true;
            },
          );
        });
      }
    });
  }
});
