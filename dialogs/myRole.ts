import { activeGlobalAdmins, isGlobalAdmin } from '../src/domain/policy.js';
import { holdersOf } from '../src/domain/roleHolders.js';
import type { Conversation } from '../src/conversation/descriptor.js';
import { rolesCard } from '../src/conversation/parts/rolesCard.js';
import { allowedOrExplained } from '../src/conversation/refusals.js';
import { escapeMarkdown } from '../src/conversation/text.js';
import type { MemberTurn } from '../src/conversation/turn.js';

/**
 * "What is my role?": the acting user's roles, what each lets them do (from the role catalog),
 * and whom to ask for more: the organization's active Global admins and User management admins,
 * other than the user.
 */
async function showMyRole(turn: MemberTurn): Promise<void> {
  const { t, user } = turn;
  const document = turn.organization.read();
  const userAdmins = holdersOf(document.users, 'user_management_admin').filter(
    (candidate) => candidate.status === 'active',
  );
  const admins = [...new Set([...activeGlobalAdmins(document), ...userAdmins])]
    .filter((admin) => admin.id !== user.id)
    .map((admin) => escapeMarkdown(admin.displayName));
  const footer = isGlobalAdmin(user)
    ? t.t('myRole.fullAccess')
    : admins.length > 0
      ? t.t('myRole.askAdmins', { admins: t.list(admins) })
      : t.t('myRole.askAdminsNone');
  await turn.sendCard(
    rolesCard(t, {
      title: t.t('myRole.title', { organization: escapeMarkdown(document.organization.displayName) }),
      roles: user.roles,
      footer,
    }),
  );
}

export const myRole: Conversation = {
  name: 'my-role',
  policy: ['view_user_roles'],
  help: [{ intent: 'my_role', order: 50 }],
  intents: {
    my_role: async (turn) => {
      if (await allowedOrExplained(turn, { type: 'view_user_roles', target: turn.user })) await showMyRole(turn);
    },
  },
};
