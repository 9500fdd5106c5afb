import { activeGlobalAdmins, roleAuthority, type PolicyAction } from '../domain/policy.js';
import { holdersOf } from '../domain/roleHolders.js';
import type { ChangeOutcome } from '../store/accountStore.js';
import type { OrganizationFile, UserRecord } from '../store/schema.js';
import { associatedLocation } from './associatePartnerId.js';
import { decideIn } from './organizationView.js';

/**
 * The steps Partner Center asks of a new admin after the first sign-in (seed 003;
 * shared/domain/partner-center.md §5), in its order, and the state of each, computed from the
 * organization's data wherever the data can tell:
 * - support: the support profile has an email and a phone (the website is optional);
 * - tax: recorded by an admin (filed / not applicable): only Microsoft support knows;
 * - contacts: the primary contact is filled in;
 * - partnerId: the tenant is associated with an active location's PartnerID;
 * - team: the organization has someone besides its Global admins (invited counts: they were added);
 * - globalAdmins: at least two active Global admins (an invited one counts once they join).
 * The one place these rules live: the checklist card, the push on a new chat and the completion
 * mark all read them from here.
 */
export const ONBOARDING_STEPS = ['support', 'tax', 'contacts', 'partnerId', 'team', 'globalAdmins'] as const;
export type OnboardingStep = (typeof ONBOARDING_STEPS)[number];
export type StepState = 'done' | 'todo' | 'not_applicable';

export interface StepStatus {
  step: OnboardingStep;
  state: StepState;
}

export interface OnboardingStatus {
  steps: StepStatus[];
  complete: boolean;
  /** When the checklist was first complete: it is no longer pushed after that. */
  completedAt?: string;
  /** Facts the card shows with the steps. */
  activeGlobalAdmins: number;
  invitedGlobalAdmins: number;
  enrolledInCsp: boolean;
}

/** The policy action that does each step: who may act on it. */
const STEP_ACTION: Record<Exclude<OnboardingStep, 'globalAdmins'>, PolicyAction> = {
  support: { type: 'update_org_section', section: 'support_profile' },
  tax: { type: 'record_tax_exemptions' },
  contacts: { type: 'update_org_section', section: 'primary_contact' },
  partnerId: { type: 'update_org_section', section: 'locations' },
  team: { type: 'open_add_user_form' },
};

const CSP_PROGRAMS = new Set(['csp_direct_bill', 'csp_indirect_provider', 'csp_indirect_reseller']);

export function onboardingStatus(document: OrganizationFile): OnboardingStatus {
  const profile = document.organization.profile;
  const support = profile.supportProfile;
  const tax = document.organization.onboarding?.taxExemptions?.state;
  const globalAdmins = holdersOf(document.users, 'global_admin');
  const admins = activeGlobalAdmins(document).length;
  const invitedAdmins = globalAdmins.length - admins;
  const linked = associatedLocation(document);
  const done: Record<OnboardingStep, StepState> = {
    support: support?.email && support.phone ? 'done' : 'todo',
    tax: tax === 'filed' ? 'done' : tax === 'not_applicable' ? 'not_applicable' : 'todo',
    contacts: profile.primaryContact ? 'done' : 'todo',
    partnerId: linked && linked.status === 'active' ? 'done' : 'todo',
    team: document.users.some((user) => user.status !== 'removed' && !user.roles.includes('global_admin'))
      ? 'done'
      : 'todo',
    globalAdmins: admins >= 2 ? 'done' : 'todo',
  };
  const steps = ONBOARDING_STEPS.map((step) => ({ step, state: done[step] }));
  const completedAt = document.organization.onboarding?.completedAt;
  return {
    steps,
    complete: steps.every((step) => step.state !== 'todo'),
    ...(completedAt ? { completedAt } : {}),
    activeGlobalAdmins: admins,
    invitedGlobalAdmins: invitedAdmins,
    enrolledInCsp: document.organization.programs.some(
      (program) => CSP_PROGRAMS.has(program.programId) && program.status !== 'declined',
    ),
  };
}

/** Whether this user may act on at least one step still to do: the checklist is pushed to them. */
export function canActOnChecklist(document: OrganizationFile, user: UserRecord): boolean {
  const status = onboardingStatus(document);
  return status.steps.some((step) => step.state === 'todo' && mayDo(document, user, step.step));
}

export function mayDo(document: OrganizationFile, user: UserRecord, step: OnboardingStep): boolean {
  // Only a Global admin can give Global admin (policy.roleAuthority), whoever the user turns out to be.
  if (step === 'globalAdmins') return roleAuthority(user, 'global_admin').allowed;
  return decideIn(document, user, STEP_ACTION[step]).allowed;
}

/** The checklist is not complete, or its completion was already recorded (by another turn). */
export class NotNewlyCompleteError extends Error {
  constructor() {
    super('The onboarding checklist is not newly complete');
    this.name = 'NotNewlyCompleteError';
  }
}

/**
 * The first time every step is done (or not applicable), the checklist is marked complete, once:
 * from then on it is no longer pushed when an admin opens a chat.
 */
export function markOnboardingComplete(current: OrganizationFile, now: string): ChangeOutcome<boolean> {
  const status = onboardingStatus(current);
  if (!status.complete || status.completedAt) throw new NotNewlyCompleteError();
  return {
    next: {
      ...current,
      organization: {
        ...current.organization,
        onboarding: { ...(current.organization.onboarding ?? {}), completedAt: now },
      },
    },
    result: true,
    audit: [
      {
        actor: { userId: 'system', displayName: 'Partner Admin bot' },
        action: 'organization.onboarding_completed',
        target: { type: 'organization', id: current.organization.tenantId },
        outcome: 'applied',
      },
    ],
  };
}
