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
