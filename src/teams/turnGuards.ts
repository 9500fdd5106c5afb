import { ActivityTypes, INVOKE_RESPONSE_KEY, type TurnContext } from 'botbuilder';
import { languageFromLocale, translator } from '../i18n/index.js';
import { tenantOf } from './access.js';
import { noticeCard } from '../conversation/notice.js';

/**
 * What every turn passes through before and after the conversations: who a turn counts against
 * for throttling and what a throttled turn is answered, and the answer to an invoke no
 * conversation handled. (How long a message may be is the conversation runtime's rule.)
 */

/** Who a turn counts against for throttling: the person, within their tenant. */
export function senderOf(context: TurnContext): string {
  const from = context.activity.from;
  return `${tenantOf(context).tenantId ?? '-'}:${from?.aadObjectId ?? from?.id ?? '-'}`;
}

/**
 * A turn turned away by the throttle. A message gets "slow down" once; a card click must get an
 * invoke answer, so it gets the same words as a card every time; other activities get nothing.
 */
/** Activity types as the plain strings an activity carries (botbuilder's enum is not comparable to them). */
export const INVOKE: string = ActivityTypes.Invoke;
const MESSAGE: string = ActivityTypes.Message;

export async function answerThrottled(context: TurnContext, tell: boolean): Promise<void> {
  const t = translator(languageFromLocale(context.activity.locale));
  const { type, name } = context.activity;
  if (type === INVOKE && name === 'adaptiveCard/action') {
    const card = noticeCard({ title: t.t('limits.tooFast'), tone: 'attention' });
    await context.sendActivity({
      type: ActivityTypes.InvokeResponse,
      value: { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card } },
    });
  } else if (type === MESSAGE && tell) {
    await context.sendActivity(t.t('limits.tooFast'));
  }
}

/**
 * An invoke no route answered: a card click whose payload is not an Action.Execute we can read
 * gets the "couldn't read this card" card; any other invoke name is not something this bot does
 * (400). Without this botbuilder answers 501, which Teams shows as a failure with no explanation.
 */
export async function answerUnhandledInvoke(context: TurnContext): Promise<void> {
  if (context.activity.type !== INVOKE || context.turnState.get(INVOKE_RESPONSE_KEY)) return;
  if (context.activity.name === 'adaptiveCard/action') {
    const t = translator(languageFromLocale(context.activity.locale));
    const card = noticeCard({
      title: t.t('flow.malformed.title'),
      paragraphs: [t.t('flow.malformed.body')],
      tone: 'attention',
    });
    await context.sendActivity({
      type: ActivityTypes.InvokeResponse,
      value: { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card } },
    });
    return;
  }
  await context.sendActivity({
    type: ActivityTypes.InvokeResponse,
    value: { status: 400, body: { error: 'unsupported invoke' } },
  });
}
