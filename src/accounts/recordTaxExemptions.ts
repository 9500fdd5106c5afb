import type { ChangeOutcome } from '../store/accountStore.js';
import type { OnboardingProgress, OrganizationFile } from '../store/schema.js';
import { actorRef, authorize } from './organizationView.js';

/**
 * Tax exemptions are filed with Microsoft, not in Partner Center's settings: one support request per
 * CSP tenant, with the tax ID or FEIN and the documents (shared/domain/partner-center.md §5). The
 * store cannot tell whether that was done, so the admin records it: filed, or not applicable.
 */
export type TaxExemptionsState = NonNullable<OnboardingProgress['taxExemptions']>['state'];

export function recordTaxExemptions(
  current: OrganizationFile,
  actorId: string,
  state: TaxExemptionsState,
  now: string,
): ChangeOutcome<TaxExemptionsState> {
  const actor = authorize(current, actorId, () => ({ type: 'record_tax_exemptions' }));
  const by = actorRef(actor);
  const onboarding = current.organization.onboarding ?? {};
  return {
    next: {
      ...current,
      organization: {
        ...current.organization,
        onboarding: { ...onboarding, taxExemptions: { state, recordedAt: now, recordedBy: by } },
      },
    },
    result: state,
    audit: [
      {
        actor: by,
        action: 'organization.tax_exemptions_recorded',
        target: { type: 'organization', id: current.organization.tenantId },
        outcome: 'applied',
        before: { state: onboarding.taxExemptions?.state ?? null },
        after: { state },
      },
    ],
  };
}
