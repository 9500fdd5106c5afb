import type { Activity } from 'botbuilder';
import { z } from 'zod';

/**
 * What an incoming activity must look like before botbuilder sees it: the fields botbuilder, Teams
 * AI and our code read, with the types they assume. A field of the wrong type (a number for the
 * locale, an object for the text) would otherwise throw deep inside a turn (a 500); checked here,
 * a malformed or forged body gets a plain 400 and touches nothing. Fields nobody reads pass through.
 */
const text = (max: number) => z.string().max(max).optional();
const account = z
  .object({ id: z.string().min(1).max(512), name: text(512), aadObjectId: text(128), role: text(64) })
  .passthrough();
const conversation = account.extend({
  tenantId: text(128),
  conversationType: text(64),
  isGroup: z.boolean().optional(),
});

export const ActivityEnvelopeSchema = z
  .object({
    type: z.string().min(1).max(64),
    channelId: z.string().min(1).max(64),
    serviceUrl: z.string().url().max(2048),
    from: account,
    recipient: account,
    conversation,
    id: text(512),
    name: text(256),
    action: text(64),
    locale: text(64),
    text: text(100_000),
    textFormat: text(64),
    deliveryMode: text(64),
    replyToId: text(512),
    timestamp: text(64),
    localTimestamp: text(64),
    expiration: text(64),
    membersAdded: z.array(account).max(1000).optional(),
    membersRemoved: z.array(account).max(1000).optional(),
    entities: z
      .array(z.object({ type: z.string().max(256) }).passthrough())
      .max(100)
      .optional(),
    attachments: z
      .array(z.object({ contentType: z.string().max(256) }).passthrough())
      .max(100)
      .optional(),
    channelData: z
      .object({
        tenant: z
          .object({ id: text(128) })
          .passthrough()
          .optional(),
      })
      .passthrough()
      .optional(),
  })
  .passthrough();

export function isActivityEnvelope(body: unknown): body is Record<string, unknown> {
  return ActivityEnvelopeSchema.safeParse(body).success;
}

/**
 * The body as botbuilder's `process` would hand it on: Bot Framework sends times as strings,
 * botbuilder's types (and Teams AI) expect Date objects beside the raw text.
 */
export function toActivity(body: Record<string, unknown>): Activity {
  const activity: Record<string, unknown> = { ...body };
  for (const [field, raw] of [
    ['timestamp', 'rawTimestamp'],
    ['expiration', 'rawExpiration'],
    ['localTimestamp', 'rawLocalTimestamp'],
  ] as const) {
    if (typeof activity[field] === 'string') {
      activity[raw] = activity[field];
      activity[field] = new Date(activity[field]);
    }
  }
  return activity as unknown as Activity;
}
