import { openUrlAction } from './cardActions.js';
import type { Flow } from './flows.js';
import { noticeCard } from './notice.js';
import type { CardJson, MemberTurn } from './turn.js';

/**
 * A submit from a form whose flow is no longer open: the outcome it already had (a second click on
 * "Add" shows the same summary, and adds nobody), or a note that the form was closed.
 */
export function closedFormCard(turn: MemberTurn, flowId: string | undefined): CardJson {
  const outcome = flowId ? turn.flows.outcomeOf(flowId) : undefined;
  if (outcome) return outcome;
  return noticeCard({ title: turn.t.t('flow.closed.title'), paragraphs: [turn.t.t('flow.closed.body')], tone: 'warning' });
}

/**
 * Forms show and collect personal data (emails, roles), so in a group chat or a channel the bot
 * does not post them: it points the admin to their personal chat with the bot.
 */
export function personalChatOnlyCard(turn: MemberTurn): CardJson {
  const botId = turn.context.activity.recipient?.id ?? '';
  const link = `https://teams.microsoft.com/l/chat/0/0?users=${encodeURIComponent(botId)}`;
  return noticeCard({
    title: turn.t.t('flow.personalOnly.title'),
    paragraphs: [turn.t.t('flow.personalOnly.body')],
    actions: botId ? [openUrlAction(turn.t.t('flow.personalOnly.open'), link)] : [],
  });
}

/** "I closed your unfinished form: adding a user." when a new task replaces one in progress. */
export function setAsideNote(turn: MemberTurn, replaced: Flow | undefined): string | undefined {
  if (!replaced) return undefined;
  return turn.t.t('flow.setAside', { task: turn.t.t(`flow.kind.${replaced.kind}`) });
}

/** Card data that does not have the shape its form sends (edited or forged): nothing is done. */
export function malformedCard(turn: MemberTurn): CardJson {
  return noticeCard({ title: turn.t.t('flow.malformed.title'), paragraphs: [turn.t.t('flow.malformed.body')], tone: 'attention' });
}
