import type { Activity } from 'botbuilder';
import { z } from 'zod';

/**
 * The minimum an incoming activity must carry before botbuilder sees it. Without these fields
 * botbuilder and Teams AI throw deep inside state loading (a 500); checked here, a malformed or
 * forged body gets a plain 400 and touches nothing.
 */
const account = z.object({ id: z.string().min(1).max(512) }).passthrough();

export const ActivityEnvelopeSchema = z
  .object({
    type: z.string().min(1).max(64),
    channelId: z.string().min(1).max(64),
    serviceUrl: z.string().url().max(2048),
    from: account,
    recipient: account,
    conversation: account,
  })
  .passthrough();

export function isActivityEnvelope(body: unknown): boolean {
  return ActivityEnvelopeSchema.safeParse(body).success;
}

/**
 * The body as botbuilder's `process` would hand it on: Bot Framework sends times as strings,
 * botbuilder's types (and Teams AI) expect Date objects beside the raw text.
 */
export function toActivity(body: Record<string, unknown>): Activity {
  const activity: Record<string, unknown> = { ...body };
  for (const [field, raw] of [['timestamp', 'rawTimestamp'], ['expiration', 'rawExpiration'], ['localTimestamp', 'rawLocalTimestamp']] as const) {
    if (typeof activity[field] === 'string') {
      activity[raw] = activity[field];
      activity[field] = new Date(activity[field] as string);
    }
  }
  return activity as unknown as Activity;
}
