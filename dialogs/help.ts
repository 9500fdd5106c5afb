import type { Attachment } from 'botbuilder';
import { cardAttachment } from '../src/bot/cards.js';
import type { Translator } from '../src/i18n/index.js';
import type { MemberTurn } from '../src/bot/turn.js';

/**
 * The help card: what the bot can do, each as a button. A button is a plain Action.Submit whose
 * data names the task (`{ command }`); Teams and the Agents Playground both deliver it as a message
 * with that value, and the bot routes it exactly as if the admin had typed the task. The same card
 * greets new conversations and answers what the bot did not understand, with a different heading.
 */
export const CAPABILITIES = ['add_user', 'assign_roles', 'update_notification_email', 'my_role', 'programs'] as const;

export function helpCard(t: Translator, heading: { title: string; intro: string }): Attachment {
  return cardAttachment('help', {
    title: heading.title,
    intro: heading.intro,
    footer: t.t('help.footer'),
    capabilities: CAPABILITIES.map((id) => ({
      title: t.t(`help.capability.${id}.title`),
      description: t.t(`help.capability.${id}.description`),
      command: id,
    })),
  });
}

export async function showHelp(turn: MemberTurn): Promise<void> {
  const { t } = turn;
  await turn.context.sendActivity({ attachments: [helpCard(t, { title: t.t('help.title'), intro: t.t('help.intro') })] });
}

export async function showNotUnderstood(turn: MemberTurn): Promise<void> {
  const { t } = turn;
  await turn.context.sendActivity({ attachments: [helpCard(t, { title: t.t('help.title'), intro: t.t('fallback.notUnderstood') })] });
}
