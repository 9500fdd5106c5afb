import type { Attachment } from 'botbuilder';
import { cardAttachment } from '../src/bot/cards.js';
import type { Translator } from '../src/i18n/index.js';
import type { MemberTurn } from '../src/bot/turn.js';
import { commandAction } from '../src/bot/cardActions.js';
import type { Request } from '../src/bot/commands.js';
import { noticeCard, sendCard } from '../src/bot/notice.js';
import { escapeMarkdown } from '../src/bot/text.js';

/**
 * The help card: what the bot can do, each as a button. A button is a plain Action.Submit whose
 * data names the task (`{ command }`); Teams and the Agents Playground both deliver it as a message
 * with that value, and the bot routes it exactly as if the admin had typed the task. The same card
 * greets new conversations and answers what the bot did not understand, with a different heading.
 */
export const CAPABILITIES = ['onboarding', 'add_user', 'assign_roles', 'update_notification_email', 'my_role', 'org_profile', 'programs', 'history'] as const;

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

/**
 * What the bot did not understand: "did you mean" with the tasks the message came closest to, each
 * a button carrying the person or role the message named. Nothing is done until one is clicked.
 */
export async function showNotUnderstood(turn: MemberTurn, request: Pick<Request, 'suggestions' | 'entities'>): Promise<void> {
  const { t } = turn;
  const suggestions = request.suggestions ?? [];
  if (suggestions.length === 0) {
    await turn.context.sendActivity({ attachments: [helpCard(t, { title: t.t('help.title'), intro: t.t('fallback.notUnderstood') })] });
    return;
  }
  const [person] = request.entities.people ?? [];
  const [roleId] = request.entities.roles ?? [];
  const args: Record<string, string> = { ...(person ? { userId: person.id } : {}), ...(roleId ? { roleId } : {}) };
  const values = { name: person ? escapeMarkdown(person.name) : t.t('suggest.someone'), role: roleId ? t.t(`role.${roleId}.name`) : t.t('suggest.aRole') };
  await sendCard(
    turn,
    noticeCard({
      title: t.t('fallback.didYouMean'),
      paragraphs: [t.t('fallback.notUnderstoodShort')],
      actions: [...suggestions.map((intent) => commandAction(t.t(`suggest.${intent}`, values), intent, args)), commandAction(t.t('fallback.everything'), 'help')],
    }),
  );
}
