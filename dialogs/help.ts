import { commandAction } from '../src/conversation/cardActions.js';
import type { Request } from '../src/conversation/commands.js';
import type { Conversation } from '../src/conversation/descriptor.js';
import { noticeCard } from '../src/conversation/notice.js';
import { helpCard } from '../src/conversation/parts/helpCard.js';
import { escapeMarkdown } from '../src/conversation/text.js';
import type { MemberTurn } from '../src/conversation/turn.js';

/**
 * "Help": what the bot can do, each task a button (the help entries of every conversation). What
 * the bot did not understand gets "did you mean" with the tasks the message came closest to, or
 * the help card when nothing came close; a request put off is acknowledged, and one for another
 * system is told so, with what the bot does.
 */
async function showHelp(turn: MemberTurn): Promise<void> {
  const { t } = turn;
  await turn.sendCard(helpCard(turn, { title: t.t('help.title'), intro: t.t('help.intro') }));
}

/**
 * "Did you mean" with the tasks the message came closest to, each a button carrying the person or
 * role the message named. Nothing is done until one is clicked.
 */
async function showNotUnderstood(turn: MemberTurn, request: Request): Promise<void> {
  const { t } = turn;
  // Put off ("let's wait until Monday", "nvm"): nothing to do, and nothing done.
  if (request.mood === 'deferral') return turn.say(t.t('fallback.deferral'));
  // Meant for another system ("reset the wifi password"): say so plainly, with what the bot does do.
  if (request.mood === 'out_of_scope') {
    await turn.sendCard(helpCard(turn, { title: t.t('help.title'), intro: t.t('fallback.outOfScope') }));
    return;
  }
  const [person] = request.entities.people ?? [];
  // Only what this admin may use (a button they would be refused is not offered), and not help:
  // "Everything I can do" is always there.
  const suggestions = (request.suggestions ?? []).filter(
    (intent) => intent !== 'help' && turn.conversations.offers(turn, intent, person?.id),
  );
  if (suggestions.length === 0) {
    await turn.sendCard(helpCard(turn, { title: t.t('help.title'), intro: t.t('fallback.notUnderstood') }));
    return;
  }
  const [roleId] = request.entities.roles ?? [];
  const args: Record<string, string> = { ...(person ? { userId: person.id } : {}), ...(roleId ? { roleId } : {}) };
  const values = {
    name: person ? escapeMarkdown(person.name) : t.t('suggest.someone'),
    role: roleId ? t.t(`role.${roleId}.name`) : t.t('suggest.aRole'),
  };
  await turn.sendCard(
    noticeCard({
      // Two close readings (or a change not clearly meant): the bot asks rather than guesses.
      title: t.t(request.unsure ? 'fallback.whichOne' : 'fallback.didYouMean'),
      paragraphs: [t.t(request.unsure ? 'fallback.whichOneText' : 'fallback.notUnderstoodShort')],
      actions: [
        ...suggestions.map((intent) => commandAction(t.t(`suggest.${intent}`, values), intent, args)),
        commandAction(t.t('fallback.everything'), 'help'),
      ],
    }),
  );
}

export const help: Conversation = {
  name: 'help',
  policy: [],
  intents: { help: showHelp, none: showNotUnderstood },
};
