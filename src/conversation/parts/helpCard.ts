import { expandCard } from '../cards.js';
import type { CardJson, MemberTurn } from '../turn.js';

/**
 * The help card: what the bot can do, each as a button, from the help entries of every
 * conversation. A button is a plain Action.Submit whose data names the task (`{ command }`); Teams
 * and the Agents Playground both deliver it as a message with that value, and the bot routes it
 * exactly as if the admin had typed the task. The same card greets new conversations and answers
 * what the bot did not understand, with a different heading.
 */
export function helpCard(turn: MemberTurn, heading: { title: string; intro: string }): CardJson {
  const { t } = turn;
  return expandCard('help', {
    title: heading.title,
    intro: heading.intro,
    footer: t.t('help.footer'),
    capabilities: turn.conversations.helpEntries
      .filter(({ intent }) => turn.conversations.offers(turn, intent))
      .map(({ intent }) => ({
        title: t.t(`help.capability.${intent}.title`),
        description: t.t(`help.capability.${intent}.description`),
        command: intent,
      })),
  });
}
