import { sendCard } from '../src/bot/notice.js';
import { escapeMarkdown } from '../src/bot/text.js';
import type { MemberTurn } from '../src/bot/turn.js';
import { helpCard } from './help.js';
import { rolesCard } from './myRole.js';
import { shouldPushOnboarding, showOnboarding } from './onboarding.js';

/**
 * The first words of the bot in a conversation, and to a user who just joined.
 * - A new chat: the help card, then the onboarding checklist when the organization's setup is not
 *   finished and this admin can do part of it.
 * - An invited user's first message: their Teams identity has just been linked to the record an
 *   admin created (src/bot/access.ts); they are greeted with their roles and what each lets them
 *   do, and admins get the checklist too.
 */
export async function welcomeConversation(turn: MemberTurn): Promise<void> {
  const { t } = turn;
  const firstName = turn.user.displayName.split(' ')[0] ?? turn.user.displayName;
  await turn.context.sendActivity({ attachments: [helpCard(t, { title: t.t('welcome.title', { name: escapeMarkdown(firstName) }), intro: t.t('welcome.body') })] });
  if (shouldPushOnboarding(turn)) await showOnboarding(turn);
}

export async function greetJoinedUser(turn: MemberTurn): Promise<void> {
  const { t, user } = turn;
  const document = turn.organization.read();
  await sendCard(
    turn,
    rolesCard(t, {
      title: t.t('joined.title', { name: escapeMarkdown(user.displayName), organization: escapeMarkdown(document.organization.displayName) }),
      roles: user.roles,
      footer: t.t('joined.footer'),
    }),
  );
  if (shouldPushOnboarding(turn)) await showOnboarding(turn);
}
