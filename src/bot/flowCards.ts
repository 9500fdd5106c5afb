import { z } from 'zod';
import type { PolicyAction } from '../domain/policy.js';
import { openUrlAction } from './cardActions.js';
import type { AttemptedChange } from './changes.js';
import { allowedOrExplained } from './denial.js';
import type { Flow, FlowKind } from './flows.js';
import { noticeCard, sendCard } from './notice.js';
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

/**
 * Before a form is shown: the policy must allow opening it (else the refusal is explained and the
 * attempted change is audited as refused: a one-line "make me a Global admin" is an attempt), and
 * the chat must be personal (else the admin is pointed to it). True when the form may be shown.
 */
export async function admitToForm(turn: MemberTurn, action: PolicyAction, attempted: AttemptedChange): Promise<boolean> {
  if (!(await allowedOrExplained(turn, action, attempted))) return false;
  if (!turn.personal) {
    await sendCard(turn, personalChatOnlyCard(turn));
    return false;
  }
  return true;
}

/** What every form button sends besides its inputs: the id of the flow it belongs to. */
export const FlowOnly = z.object({ flowId: z.string().max(64) }).passthrough();

export type OpenFlow<K extends FlowKind, T> = { ok: true; flow: Extract<Flow, { kind: K }>; input: T } | { ok: false; card: CardJson };

/**
 * A form button's data, parsed, and the open flow it belongs to. Data of the wrong shape gets the
 * "could not read this card" answer; a flow that is no longer open gets its outcome or "closed".
 */
export function openFlowFor<K extends FlowKind, S extends z.ZodType<{ flowId: string }>>(
  turn: MemberTurn,
  data: Record<string, unknown>,
  kind: K,
  schema: S,
): OpenFlow<K, z.infer<S>> {
  const parsed = schema.safeParse(data);
  if (!parsed.success) return { ok: false, card: malformedCard(turn) };
  const flow = turn.flows.open(parsed.data.flowId, kind);
  if (!flow) return { ok: false, card: closedFormCard(turn, parsed.data.flowId) };
  return { ok: true, flow, input: parsed.data };
}
