import { howToTopic } from '../src/domain/howToTopics.js';
import { permissionsOf, rolesGranting } from '../src/domain/roles.js';
import { howToAnswer, searchHowTo, type HowToAnswer } from '../src/i18n/howToCollection.js';
import { commandAction, openUrlAction, type CardAction } from '../src/conversation/cardActions.js';
import type { Conversation } from '../src/conversation/descriptor.js';
import { noticeCard } from '../src/conversation/notice.js';
import { escapeMarkdown } from '../src/conversation/text.js';
import type { CardJson, MemberTurn } from '../src/conversation/turn.js';

/**
 * "How do I reset a user's password?", "comment ouvrir un ticket de support ?": the steps from the
 * how-to collection (locales/howto/), in the admin's language, with the role the task needs and
 * whether the admin has it (and whom to ask when not), and the documentation page the steps
 * follow. For what the bot does itself ("how do I add a user?"), a button does it here too. A
 * question the collection does not cover is answered honestly: the closest answers and what the
 * bot can do, never made-up steps. A lookup: answered in any chat.
 */
function whoCan(turn: MemberTurn, answer: HowToAnswer): string | undefined {
  const { t } = turn;
  const permission = howToTopic(answer.id)?.permission;
  if (!permission) return t.t('howTo.everyone');
  const roles = rolesGranting(permission).map((role) => t.t(`role.${role.id}.name`));
  const has = permissionsOf(turn.user.roles).has(permission);
  if (has) return t.t('howTo.youCan', { roles: t.list(roles, 'or') });
  const document = turn.organization.read();
  const helpers = document.users
    .filter((user) => user.status === 'active' && user.id !== turn.user.id && permissionsOf(user.roles).has(permission))
    .slice(0, 3)
    .map((user) => escapeMarkdown(user.displayName));
  return helpers.length > 0
    ? t.t('howTo.youCannotAsk', { roles: t.list(roles, 'or'), names: t.list(helpers, 'or') })
    : t.t('howTo.youCannot', { roles: t.list(roles, 'or') });
}

function answerCard(turn: MemberTurn, answer: HowToAnswer): CardJson {
  const { t } = turn;
  const topic = howToTopic(answer.id);
  const actions: CardAction[] = [];
  if (topic?.doneHere && turn.conversations.offers(turn, topic.doneHere))
    actions.push(commandAction(t.t('howTo.doItHere'), topic.doneHere));
  actions.push(openUrlAction(t.t('howTo.source'), answer.source));
  return noticeCard({
    title: escapeMarkdown(answer.title),
    paragraphs: [
      escapeMarkdown(answer.summary),
      answer.steps.map((step, index) => `${index + 1}. ${escapeMarkdown(step)}`).join('\n'),
      ...(answer.note ? [escapeMarkdown(answer.note)] : []),
    ],
    note: whoCan(turn, answer),
    actions,
  });
}

function notCoveredCard(turn: MemberTurn, closest: readonly HowToAnswer[]): CardJson {
  const { t } = turn;
  return noticeCard({
    title: t.t('howTo.notCovered.title'),
    paragraphs: [closest.length > 0 ? t.t('howTo.notCovered.closest') : t.t('howTo.notCovered.none')],
    tone: 'warning',
    actions: [
      ...closest.map((answer) => commandAction(answer.title, 'how_to', { topic: answer.id })),
      commandAction(t.t('howTo.notCovered.help'), 'help'),
    ],
  });
}

export const howTo: Conversation = {
  name: 'how-to',
  policy: [],
  intents: {
    how_to: async (turn, request) => {
      const chosen = request.topic ? howToAnswer(turn.t.language, request.topic) : undefined;
      if (chosen) {
        await turn.sendCard(answerCard(turn, chosen));
        return;
      }
      const { answer, closest } = searchHowTo(turn.t.language, request.text ?? '');
      await turn.sendCard(answer ? answerCard(turn, answer) : notCoveredCard(turn, closest));
    },
  },
};
