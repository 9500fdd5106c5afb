import type { TurnContext } from 'botbuilder';

/**
 * Every call a turn makes to the Bot Connector service (its replies, card updates, the roster)
 * gives up after a deadline. botbuilder's client retries a serviceUrl that refuses connections for
 * about 11 s and waits for ever on one that accepts and never answers; meanwhile the turn holds
 * its conversation's queue, and Teams re-sends an activity it got no answer for after about 15 s.
 * The call itself cannot be given a deadline (botbuilder replaces the client's request policies),
 * so the turn stops waiting for it: the request may finish in the background, the turn does not.
 */
export class OutboundTimeoutError extends Error {
  constructor(
    readonly what: string,
    readonly ms: number,
  ) {
    super(`${what} took longer than ${ms} ms`);
    this.name = 'OutboundTimeoutError';
  }
}

export function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new OutboundTimeoutError(what, ms)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/** Bounds what this turn sends: replies (sendActivity) and card updates (updateActivity). */
export function boundOutboundCalls(context: TurnContext, ms: number): void {
  context.onSendActivities((_context, _activities, next) => withDeadline(next(), ms, 'sending a reply'));
  context.onUpdateActivity((_context, _activity, next) => withDeadline(next(), ms, 'updating a card'));
}

/**
 * An error from talking to the Bot Connector service: telling the admin about it would be one more
 * call to the service that just failed, so the turn only logs it.
 */
export function isOutboundFailure(error: Error): boolean {
  return error instanceof OutboundTimeoutError || error.name === 'RestError';
}
