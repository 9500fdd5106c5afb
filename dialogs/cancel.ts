import type { MemberTurn } from '../src/bot/turn.js';

/** "Cancel" / "annuler" typed in the chat: closes the open form, if any. Nothing it held was saved. */
export async function cancelByText(turn: MemberTurn): Promise<void> {
  const { t } = turn;
  const flow = turn.flows.close();
  if (!flow) {
    await turn.context.sendActivity(t.t('cancel.nothing'));
    return;
  }
  await turn.context.sendActivity(`${t.t('cancel.done', { task: t.t(`flow.kind.${flow.kind}`) })} ${t.t('cancel.nothingChanged')}`);
}
