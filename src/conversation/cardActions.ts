/**
 * The buttons of our cards, built in one place so every form button has the same shape:
 *
 * - `executeAction`: an Action.Execute with a `verb` (Universal Actions: Teams sends an
 *   `adaptiveCard/action` invoke and replaces the card with the card we answer, so a submitted
 *   form becomes its outcome). Its `fallback` is the same button as an Action.Submit carrying the
 *   verb in its data, for clients without Action.Execute: the bot routes both to one handler.
 * - `commandAction`: an Action.Submit `{ command }` that starts a task as if the admin had typed it
 *   (a new message; the card it sits on stays as it is).
 *
 * Card data only says what the admin chose (which form, which user). Who is acting, for which
 * organization, and whether they may, always come from the activity and the policy.
 */
export type ActionStyle = 'default' | 'positive' | 'destructive';

export type CardAction = Record<string, unknown>;

export function executeAction(
  title: string,
  verb: string,
  data: Record<string, string> = {},
  options: { style?: ActionStyle; withInputs?: boolean } = {},
): CardAction {
  const style = options.style ?? 'default';
  // Cancel and Back must work even when a required field is empty.
  const inputs = options.withInputs === false ? { associatedInputs: 'none' } : {};
  return {
    type: 'Action.Execute',
    title,
    verb,
    data,
    style,
    ...inputs,
    fallback: { type: 'Action.Submit', title, data: { ...data, verb }, style, ...inputs },
  };
}

export function commandAction(title: string, command: string, args: Record<string, string> = {}): CardAction {
  return { type: 'Action.Submit', title, data: { command, ...args } };
}

export function openUrlAction(title: string, url: string): CardAction {
  return { type: 'Action.OpenUrl', title, url };
}
