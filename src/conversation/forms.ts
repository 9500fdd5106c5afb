import { z } from 'zod';
import type { PolicyAction } from '../domain/policy.js';
import { executeAction, openUrlAction, type ActionStyle, type CardAction } from './cardActions.js';
import type { CardActionHandler } from './descriptor.js';
import type { FlowDefinition, FlowOf, OpenFlow } from './flows.js';
import { noticeCard } from './notice.js';
import { allowedOrExplained, type AttemptedChange } from './refusals.js';
import type { CardJson, MemberTurn } from './turn.js';

/**
 * The form kit: how every form of every conversation opens, what its standard buttons are, how
 * its submit is read, and what a click on a form that is no longer open gets. A conversation
 * writes its fields and its outcome; the routine around them is here, once.
 */

/** The verb of every form's Cancel button; the kit's own conversation answers it (src/conversation/cancel.ts). */
export const CANCEL_VERB = 'flow.cancel';

/** The form's main button (Save, Add, Review…): sends the inputs with the flow id. */
export function submitButton(
  title: string,
  verb: string,
  flowId: string,
  options: { style?: ActionStyle; data?: Record<string, string> } = {},
): CardAction {
  return executeAction(title, verb, { flowId, ...options.data }, { style: options.style ?? 'positive' });
}

/** A button that moves the flow along without reading the inputs (Back, Confirm, Add a location). */
export function stepButton(
  title: string,
  verb: string,
  flowId: string,
  options: { style?: ActionStyle; data?: Record<string, string> } = {},
): CardAction {
  return executeAction(
    title,
    verb,
    { flowId, ...options.data },
    { style: options.style ?? 'default', withInputs: false },
  );
}

/** Cancel: closes the flow, nothing saved. It works even when a required field is empty. */
export function cancelButton(turn: MemberTurn, flowId: string): CardAction {
  return stepButton(turn.t.t('common.cancel'), CANCEL_VERB, flowId);
}

/** Back: from a confirmation to the form it confirms. */
export function backButton(turn: MemberTurn, verb: string, flowId: string): CardAction {
  return stepButton(turn.t.t('common.back'), verb, flowId);
}

/** What every form button sends besides its inputs: the id of the flow it belongs to. */
export const FlowOnly = z.object({ flowId: z.string().max(64) }).passthrough();

/**
 * A text input as Teams sends it: a string, absent when left empty. Oversized values are refused
 * as malformed (a person cannot type 10,000 characters into a name); the field's own limit is
 * checked by the change, which says so by the field.
 */
export const typedText = () => z.string().max(10_000).optional().default('');

/** The submit of a form: the flow id and its inputs. Anything else in the data is ignored. */
export function formSubmit<S extends z.ZodRawShape>(inputs: S) {
  return z.object({ flowId: z.string().max(64), ...inputs }).passthrough();
}

/** A submit from a form whose flow is no longer open: the outcome it already had, or "this form was closed". */
export function closedFormCard(turn: MemberTurn, flowId: string | undefined): CardJson {
  const outcome = flowId ? turn.flows.outcomeOf(flowId) : undefined;
  if (outcome) return outcome;
  return noticeCard({
    title: turn.t.t('flow.closed.title'),
    paragraphs: [turn.t.t('flow.closed.body')],
    tone: 'warning',
  });
}

/**
 * Forms show and collect personal data (emails, roles), so in a group chat or a channel the bot
 * does not post them: it points the admin to their personal chat with the bot.
 */
export function personalChatOnlyCard(turn: MemberTurn): CardJson {
  const link = `https://teams.microsoft.com/l/chat/0/0?users=${encodeURIComponent(turn.botId)}`;
  return noticeCard({
    title: turn.t.t('flow.personalOnly.title'),
    paragraphs: [turn.t.t('flow.personalOnly.body')],
    actions: turn.botId ? [openUrlAction(turn.t.t('flow.personalOnly.open'), link)] : [],
  });
}

/** "I closed your unfinished form: adding a user." when a new task replaces one in progress. */
export function setAsideNote(turn: MemberTurn, replaced: OpenFlow | undefined): string | undefined {
  if (!replaced || !turn.flows.worthMentioning(replaced)) return undefined;
  return turn.t.t('flow.setAside', { task: turn.t.t(`flow.kind.${replaced.kind}`) });
}

/** Card data that does not have the shape its form sends (edited or forged): nothing is done. */
export function malformedCard(turn: MemberTurn): CardJson {
  return noticeCard({
    title: turn.t.t('flow.malformed.title'),
    paragraphs: [turn.t.t('flow.malformed.body')],
    tone: 'attention',
  });
}

/**
 * Before a form is shown: the policy must allow opening it (else the refusal is explained and the
 * attempted change is audited as refused: a one-line "make me a Global admin" is an attempt), and
 * the chat must be personal (else the admin is pointed to it). True when the form may be shown.
 */
export async function admitToForm(
  turn: MemberTurn,
  action: PolicyAction,
  attempted: AttemptedChange,
): Promise<boolean> {
  if (!(await allowedOrExplained(turn, action, attempted))) return false;
  if (!turn.personal) {
    await turn.sendCard(personalChatOnlyCard(turn));
    return false;
  }
  return true;
}

export interface FormGate {
  /** What the policy must allow for the form to open. */
  policy: PolicyAction;
  /** The change the form leads to, audited when the opening is refused. */
  attempted: AttemptedChange;
}

/**
 * Opens a form: admitted by the policy (in a personal chat), the form that was open is closed and
 * the admin told so, then the card is built (starting its flow) and sent. `build` gets that
 * "set aside" note when the card shows it itself (`setAsideInCard`); otherwise it goes before the
 * card as a message.
 */
export async function openForm(
  turn: MemberTurn,
  gate: FormGate,
  build: (setAside: string | undefined) => CardJson | Promise<CardJson>,
  options: { setAsideInCard?: boolean } = {},
): Promise<void> {
  if (!(await admitToForm(turn, gate.policy, gate.attempted))) return;
  const setAside = setAsideNote(turn, turn.flows.close());
  if (setAside && !options.setAsideInCard) await turn.say(setAside);
  await turn.sendCard(await build(options.setAsideInCard ? setAside : undefined));
}

/** A click on a form that is open: its flow, the parsed submit, and the raw data (for inputs read by name). */
export interface FormClick<D extends FlowDefinition, T> {
  flow: FlowOf<D>;
  input: T;
  data: Record<string, unknown>;
}

/**
 * A form button's handler, behind the guard every form button needs: data of the wrong shape gets
 * the "could not read this card" answer, and a click on a form whose flow is no longer open (done,
 * cancelled, replaced, or a second click) gets the outcome it already had, or "this form was
 * closed". The handler runs only for a click on the open flow of its kind.
 */
export function formAction<D extends FlowDefinition, S extends z.ZodType<{ flowId: string }>>(
  definition: D,
  schema: S,
  handle: (turn: MemberTurn, click: FormClick<D, z.infer<S>>) => Promise<CardJson>,
): CardActionHandler {
  return async (turn, data) => {
    const parsed = schema.safeParse(data);
    if (!parsed.success) return malformedCard(turn);
    const flow = turn.flows.open(definition, parsed.data.flowId);
    if (!flow) return closedFormCard(turn, parsed.data.flowId);
    // A flow this click starts (the location form from the PartnerID form) leads back where this one does.
    turn.flows.startedVia = (flow as OpenFlow).via;
    return handle(turn, { flow, input: parsed.data, data });
  };
}
