import { activeGlobalAdmins } from '../src/domain/policy.js';
import { commandAction } from '../src/bot/cardActions.js';
import { noticeCard, sendCard } from '../src/bot/notice.js';
import type { MemberTurn } from '../src/bot/turn.js';

/**
 * "Get started": the steps Partner Center asks of a new admin after the first sign-in
 * (shared/domain/partner-center.md §5), in order, with what the store can already tell (two
 * Global admins or not, whether the team has been added) and buttons to the conversations that
 * do each step. Steps the store cannot judge yet are listed as "to review".
 */
const STEPS = ['support', 'tax', 'contacts', 'partnerId', 'team', 'globalAdmins'] as const;
type Step = (typeof STEPS)[number];

export async function showOnboarding(turn: MemberTurn): Promise<void> {
  const { t } = turn;
  const document = turn.organization.read();
  const activeUsers = document.users.filter((user) => user.status !== 'removed');
  const known: Partial<Record<Step, boolean>> = {
    team: activeUsers.length > 1,
    globalAdmins: activeGlobalAdmins(document).length >= 2,
  };
  const state = (step: Step) => (known[step] === undefined ? t.t('onboarding.state.review') : known[step] ? t.t('onboarding.state.done') : t.t('onboarding.state.todo'));
  await sendCard(
    turn,
    noticeCard({
      title: t.t('onboarding.title'),
      paragraphs: [t.t('onboarding.intro')],
      facts: STEPS.map((step, index) => ({ title: `${index + 1}. ${state(step)}`, value: t.t(`onboarding.step.${step}`) })),
      actions: [
        commandAction(t.t('onboarding.action.profile'), 'org_profile'),
        commandAction(t.t('onboarding.action.addUser'), 'add_user'),
        commandAction(t.t('onboarding.action.roles'), 'assign_roles'),
      ],
    }),
  );
}
