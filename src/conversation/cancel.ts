import { z } from 'zod';
import type { Conversation } from './descriptor.js';
import { CANCEL_VERB, closedFormCard, malformedCard } from './forms.js';
import { noticeCard } from './notice.js';
import type { MemberTurn } from './turn.js';

/**
 * Cancel, for every form: "cancel" / "annuler" typed in the chat, or a form's Cancel button.
 * Either closes the open flow; nothing it held was saved.
 */
async function cancelByText(turn: MemberTurn): Promise<void> {
  const { t } = turn;
  const flow = turn.flows.close();
  if (!flow) {
    await turn.say(t.t('cancel.nothing'));
    return;
  }
  await turn.say(`${t.t('cancel.done', { task: t.t(`flow.kind.${flow.kind}`) })} ${t.t('cancel.nothingChanged')}`);
}

const CancelData = z.object({ flowId: z.string().max(64) }).passthrough();

export const cancelConversation: Conversation = {
  name: 'cancel',
  policy: [],
  intents: { cancel: cancelByText },
  cardActions: {
    [CANCEL_VERB]: async (turn, data) => {
      const parsed = CancelData.safeParse(data);
      if (!parsed.success) return malformedCard(turn);
      const flow = turn.flows.current();
      if (!flow || flow.id !== parsed.data.flowId) return closedFormCard(turn, parsed.data.flowId);
      const card = noticeCard({
        title: turn.t.t('cancel.done', { task: turn.t.t(`flow.kind.${flow.kind}`) }),
        paragraphs: [turn.t.t('cancel.nothingChanged')],
      });
      turn.flows.finish(flow.id, card);
      return card;
    },
  },
};
