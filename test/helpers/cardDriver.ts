import { executeActivity, type Sender } from './activities.js';
import { cardInputs } from './cardText.js';
import type { HttpBot } from './httpBot.js';

/**
 * Clicks through a conversation's cards the way an admin who accepts every default would: on each
 * card, the button that moves the change forward (a confirmation first, then save/submit), with
 * the card's inputs as shown plus `inputs`. Stops when no such button is left.
 */
const FORWARD_VERBS = [
  'edit_roles.confirm',
  'add_user.confirm',
  'notification_email.confirm',
  'primary_contact.confirm',
  'partner_id.confirm_move',
  'remove_user.confirm',
  'add_user.submit',
  'edit_roles.save',
  'notification_email.submit',
  'support_profile.save',
  'primary_contact.submit',
  'partner_id.associate',
  'location.save',
  'tax_exemptions.record',
  'privileged_access.save_rules',
  'privileged_access.rules',
  'access_review.save',
  'extend_access.confirm',
  'end_access.confirm',
] as const;

export interface ExecuteButton {
  verb: string;
  data: Record<string, unknown>;
}

export function executeButtons(card: unknown): ExecuteButton[] {
  const found: ExecuteButton[] = [];
  const visit = (node: unknown) => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    const record = node as Record<string, unknown>;
    if (record.type === 'Action.Execute' && typeof record.verb === 'string')
      found.push({ verb: record.verb, data: (record.data ?? {}) as Record<string, unknown> });
    Object.values(record).forEach(visit);
  };
  visit(card);
  return found;
}

export function forwardButton(card: unknown): ExecuteButton | undefined {
  const buttons = executeButtons(card);
  for (const verb of FORWARD_VERBS) {
    const button = buttons.find((candidate) => candidate.verb === verb);
    if (button) return button;
  }
  return undefined;
}

/** The last Adaptive Card among a message's replies. */
export function lastCard(
  activities: { attachments?: { contentType: string; content: unknown }[] }[],
): Record<string, unknown> | undefined {
  for (const activity of [...activities].reverse()) {
    const attachment = activity.attachments?.find(
      (candidate) => candidate.contentType === 'application/vnd.microsoft.card.adaptive',
    );
    if (attachment) return attachment.content as Record<string, unknown>;
  }
  return undefined;
}

export interface DriveOptions {
  inputs?: Record<string, string>;
  /** Data added to every click (to forge what the card sends). */
  extraData?: Record<string, unknown>;
  /** Called before each click, e.g. to take a role away between form and save. */
  beforeClick?: (step: number) => Promise<void>;
  maxClicks?: number;
}

/** Drives from `card` to the end; answers the cards seen, the last one included. */
export async function driveCard(
  bot: HttpBot,
  sender: Sender,
  card: Record<string, unknown> | undefined,
  options: DriveOptions = {},
): Promise<Record<string, unknown>[]> {
  const seen: Record<string, unknown>[] = card ? [card] : [];
  let current = card;
  for (let step = 0; current && step < (options.maxClicks ?? 4); step += 1) {
    const button = forwardButton(current);
    if (!button) break;
    await options.beforeClick?.(step);
    const data = { ...cardInputs(current), ...button.data, ...options.inputs, ...options.extraData };
    const response = await bot.post(executeActivity(sender, button.verb, data));
    current = response.body?.value as Record<string, unknown> | undefined;
    if (current) seen.push(current);
  }
  return seen;
}
