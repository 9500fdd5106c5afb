import { onboardingStatus } from '../../accounts/onboardingChecklist.js';
import { commandAction, type CardAction } from '../cardActions.js';
import type { OpenFlow } from '../flows.js';
import type { MemberTurn } from '../turn.js';

/**
 * The button under the outcome of an onboarding step (support details saved, PartnerID linked…)
 * that leads back to the checklist: when the step was started from the checklist, and while the
 * checklist's completion is not recorded.
 */
export function checklistFollowUp(turn: MemberTurn, flow: Pick<OpenFlow, 'via'>): CardAction[] {
  if (flow.via !== 'checklist') return [];
  const status = onboardingStatus(turn.organization.read());
  if (status.completedAt) return [];
  return [
    commandAction(status.complete ? turn.t.t('onboarding.seeComplete') : turn.t.t('onboarding.next'), 'onboarding'),
  ];
}
