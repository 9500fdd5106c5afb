import { z } from 'zod';
import { StoreWriteError } from '../store/accountStore.js';
import { closedFormCard, malformedCard, personalChatOnlyCard } from './flowCards.js';
import { noticeCard } from './notice.js';
import type { CardJson, MemberTurn } from './turn.js';

/**
 * Card buttons with a verb: the Action.Execute invoke and its Action.Submit fallback both come here
 * with the verb and the card's data (its own data plus the inputs). Each verb has one handler,
 * which answers with the card that replaces the one clicked (or is posted, for Action.Submit).
 */
export type CardActionHandler = (turn: MemberTurn, data: Record<string, unknown>) => Promise<CardJson>;
export type CardActionHandlers = Record<string, CardActionHandler>;

export const CANCEL_VERB = 'flow.cancel';

const Verb = z.string().min(1).max(64).regex(/^[a-z_]+\.[a-z_]+$/);
const SubmitWithVerb = z.object({ verb: Verb }).passthrough();

/** An Action.Submit fallback: a message whose value carries the verb. */
export function verbFromSubmit(value: unknown): { verb: string; data: Record<string, unknown> } | undefined {
  const parsed = SubmitWithVerb.safeParse(value);
  if (!parsed.success) return undefined;
  const { verb, ...data } = parsed.data;
  return { verb, data };
}

export function createCardRouter(handlers: CardActionHandlers) {
  return async function runCardAction(turn: MemberTurn, verb: unknown, data: unknown): Promise<CardJson> {
    const handler = typeof verb === 'string' && Object.hasOwn(handlers, verb) ? handlers[verb] : undefined;
    if (!handler || !data || typeof data !== 'object' || Array.isArray(data)) {
      turn.logger.warn({ verb: String(verb).slice(0, 64) }, 'card action not understood');
      return malformedCard(turn);
    }
    // Forms and their outcomes hold personal data: only in the admin's personal chat.
    if (!turn.personal && verb !== CANCEL_VERB) return personalChatOnlyCard(turn);
    try {
      return await handler(turn, data as Record<string, unknown>);
    } catch (error) {
      if (error instanceof StoreWriteError) {
        turn.logger.error({ err: { message: error.message } }, 'change could not be saved');
        return noticeCard({ title: turn.t.t('errors.saveFailedTitle'), paragraphs: [turn.t.t('errors.saveFailed')], tone: 'attention' });
      }
      throw error;
    }
  };
}

const CancelData = z.object({ flowId: z.string().max(64) }).passthrough();

/** The Cancel button of any form: closes its flow; nothing was saved. */
export const cancelActions: CardActionHandlers = {
  [CANCEL_VERB]: async (turn, data) => {
    const parsed = CancelData.safeParse(data);
    if (!parsed.success) return malformedCard(turn);
    const flow = turn.flows.current();
    if (!flow || flow.id !== parsed.data.flowId) return closedFormCard(turn, parsed.data.flowId);
    const card = noticeCard({ title: turn.t.t('cancel.done', { task: turn.t.t(`flow.kind.${flow.kind}`) }), paragraphs: [turn.t.t('cancel.nothingChanged')] });
    turn.flows.finish(flow.id, card);
    return card;
  },
};
