import { associatedLocation } from '../src/accounts/associatePartnerId.js';
import {
  canActOnChecklist,
  markOnboardingComplete,
  NotNewlyCompleteError,
  mayDo,
  onboardingStatus,
  type OnboardingStep,
  type StepState,
} from '../src/accounts/onboardingChecklist.js';
import { decideIn } from '../src/accounts/organizationView.js';
import type { OrgSection } from '../src/domain/policy.js';
import type { Intent } from '../src/language/intents.js';
import type { OrganizationFile } from '../src/store/schema.js';
import { commandAction, type CardAction } from '../src/conversation/cardActions.js';
import { expandCard } from '../src/conversation/cards.js';
import type { Conversation } from '../src/conversation/descriptor.js';
import { supportLine } from '../src/conversation/parts/profileLines.js';
import { escapeMarkdown } from '../src/conversation/text.js';
import type { CardJson, MemberTurn } from '../src/conversation/turn.js';

/**
 * "Get started": the onboarding checklist of the organization. Each step's state comes from
 * src/accounts/onboardingChecklist.ts (computed from the data, or recorded for tax exemptions);
 * each step has a button to the conversation that does it, for admins who may do it. The same
 * checklist is shared by every admin of the organization, so progress made by one is seen by all,
 * in any later chat. It is pushed when an admin opens a chat until it is first complete.
 */
const STEP_COMMAND: Record<OnboardingStep, { command: Intent; roleId?: string }> = {
  support: { command: 'update_support_profile' },
  tax: { command: 'tax_exemptions' },
  contacts: { command: 'update_primary_contact' },
  partnerId: { command: 'associate_partner_id' },
  team: { command: 'add_user' },
  globalAdmins: { command: 'assign_roles', roleId: 'global_admin' },
};

const STATE_COLOR: Record<StepState, string> = { done: 'Good', todo: 'Warning', not_applicable: 'Default' };

/**
 * The profile section a step's detail shows: it is shown only to whoever may see that section,
 * the rule of the profile card (view_org_section), so the checklist never shows what the profile
 * hides.
 */
const STEP_SECTION: Partial<Record<OnboardingStep, OrgSection>> = {
  support: 'support_profile',
  contacts: 'primary_contact',
  partnerId: 'locations',
};

function stepDetail(turn: MemberTurn, document: OrganizationFile, step: OnboardingStep): string {
  const { t } = turn;
  const section = STEP_SECTION[step];
  if (section && !decideIn(document, turn.user, { type: 'view_org_section', section }).allowed) return '';
  const status = onboardingStatus(document);
  const profile = document.organization.profile;
  switch (step) {
    case 'support':
      return escapeMarkdown(supportLine(profile.supportProfile));
    case 'tax':
      return status.enrolledInCsp ? '' : t.t('onboarding.detail.notCsp');
    case 'contacts':
      return profile.primaryContact
        ? escapeMarkdown(
            `${profile.primaryContact.firstName} ${profile.primaryContact.lastName} · ${profile.primaryContact.email}`,
          )
        : '';
    case 'partnerId': {
      const linked = associatedLocation(document);
      return linked
        ? escapeMarkdown(t.t('onboarding.detail.partnerId', { partnerId: linked.partnerId, location: linked.name }))
        : '';
    }
    case 'team': {
      const others = document.users.filter(
        (user) => user.status !== 'removed' && !user.roles.includes('global_admin'),
      ).length;
      return others > 0 ? t.t('onboarding.detail.team', { count: others }) : '';
    }
    case 'globalAdmins':
      return t.t('onboarding.detail.globalAdmins', {
        active: status.activeGlobalAdmins,
        invited: status.invitedGlobalAdmins,
      });
  }
}

function onboardingCard(turn: MemberTurn): CardJson {
  const { t } = turn;
  const document = turn.organization.read();
  const status = onboardingStatus(document);
  const done = status.steps.filter((step) => step.state !== 'todo').length;
  return expandCard('onboarding', {
    title: status.complete
      ? t.t('onboarding.completeTitle')
      : t.t('onboarding.title', { done, total: status.steps.length }),
    color: status.complete ? 'Good' : 'Default',
    intro: status.complete ? t.t('onboarding.completeIntro') : t.t('onboarding.intro'),
    steps: status.steps.map(({ step, state }, index) => {
      const target = STEP_COMMAND[step];
      const actions: CardAction[] = mayDo(document, turn.user, step)
        ? [
            commandAction(t.t(`onboarding.action.${step}.${state === 'todo' ? 'do' : 'review'}`), target.command, {
              ...(target.roleId ? { roleId: target.roleId } : {}),
              via: 'checklist',
            }),
          ]
        : [];
      return {
        state: t.t(`onboarding.state.${state}`),
        color: STATE_COLOR[state],
        text: t.t('onboarding.numbered', { number: index + 1, text: t.t(`onboarding.step.${step}`) }),
        detail: stepDetail(turn, document, step),
        actions,
      };
    }),
    note: t.t('onboarding.shared'),
  });
}

async function showOnboarding(turn: MemberTurn): Promise<void> {
  await turn.sendCard(onboardingCard(turn));
}

/** Whether the checklist should be pushed to this admin now (a new chat, their first message). */
function shouldPushOnboarding(turn: MemberTurn): boolean {
  const document = turn.organization.read();
  return !document.organization.onboarding?.completedAt && turn.personal && canActOnChecklist(document, turn.user);
}

/**
 * After every turn: the first time all steps are done, the completion is recorded (once, audited),
 * and from then on the checklist is no longer pushed.
 */
async function settleOnboarding(turn: MemberTurn): Promise<void> {
  const document = turn.organization.read();
  // Runs after every turn: once the completion is recorded there is nothing to compute.
  if (document.organization.onboarding?.completedAt || !onboardingStatus(document).complete) return;
  try {
    await turn.organization.change((current, { now }) => markOnboardingComplete(current, now));
  } catch (error) {
    // Another turn recorded it first: nothing to do.
    if (!(error instanceof NotNewlyCompleteError)) throw error;
  }
}

export const onboarding: Conversation = {
  name: 'onboarding',
  policy: ['view_org_section'],
  help: [{ intent: 'onboarding', order: 10 }],
  intents: { onboarding: showOnboarding },
  // After the greeting of a new chat or of an invited user: the checklist, while setup is unfinished.
  greet: async (turn) => {
    if (shouldPushOnboarding(turn)) await showOnboarding(turn);
  },
  afterTurn: settleOnboarding,
};
