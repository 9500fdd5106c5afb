import type { Conversation } from '../src/conversation/descriptor.js';
import { helpCard } from '../src/conversation/parts/helpCard.js';
import { rolesCard } from '../src/conversation/parts/rolesCard.js';
import { escapeMarkdown } from '../src/conversation/text.js';
import type { MemberTurn } from '../src/conversation/turn.js';

/**
 * The first words of the bot in a conversation, and to a user who just joined.
 * - A new chat: the help card with a greeting.
 * - An invited user's first message: their Teams identity has just been linked to the record an
 *   admin created (src/teams/access.ts); they are greeted with their roles and what each lets them do.
 * (The onboarding conversation adds its checklist after these, for admins who can act on it.)
 */
async function greetNewChat(turn: MemberTurn): Promise<void> {
  const { t } = turn;
  const firstName = turn.user.displayName.split(' ')[0] ?? turn.user.displayName;
  await turn.sendCard(
    helpCard(turn, { title: t.t('welcome.title', { name: escapeMarkdown(firstName) }), intro: t.t('welcome.body') }),
  );
}

async function greetJoinedUser(turn: MemberTurn): Promise<void> {
  const { t, user } = turn;
  const document = turn.organization.read();
  await turn.sendCard(
    rolesCard(t, {
      title: t.t('joined.title', {
        name: escapeMarkdown(user.displayName),
        organization: escapeMarkdown(document.organization.displayName),
      }),
      roles: user.roles,
      footer: t.t('joined.footer'),
    }),
  );
}

export const welcome: Conversation = {
  name: 'welcome',
  policy: [],
  greet: (turn, occasion) => (occasion === 'joined' ? greetJoinedUser(turn) : greetNewChat(turn)),
};
