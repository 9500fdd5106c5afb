import { randomUUID } from 'node:crypto';
import { TENANT } from './people.js';

export interface Sender {
  name: string;
  aadObjectId?: string;
  /** The Teams channel account id; defaults to one derived from the object id. */
  id?: string;
}

export interface ActivityOptions {
  tenantId?: string;
  /** channelData.tenant.id, when it should differ from conversation.tenantId. */
  channelDataTenantId?: string;
  locale?: string;
  conversationId?: string;
  conversationType?: 'personal' | 'groupChat' | 'channel';
  expectReplies?: boolean;
  serviceUrl?: string;
  /** The client's time zone, as Teams sends it ("Europe/Paris"). */
  localTimezone?: string;
}

/** A Teams-shaped activity, as Teams posts it to /api/messages. */
export function teamsActivity(
  sender: Sender,
  fields: Record<string, unknown>,
  options: ActivityOptions = {},
): Record<string, unknown> {
  const tenantId = options.tenantId ?? TENANT;
  return {
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: options.serviceUrl ?? 'http://127.0.0.1:9/',
    locale: options.locale ?? 'en-US',
    ...(options.localTimezone ? { localTimezone: options.localTimezone } : {}),
    from: {
      id: sender.id ?? `29:${sender.aadObjectId ?? 'anonymous'}`,
      name: sender.name,
      aadObjectId: sender.aadObjectId,
    },
    recipient: { id: '28:partner-admin-bot', name: 'Partner Admin' },
    conversation: {
      id: options.conversationId ?? `a:${sender.aadObjectId ?? 'anonymous'}`,
      conversationType: options.conversationType ?? 'personal',
      tenantId,
    },
    channelData: { tenant: { id: options.channelDataTenantId ?? tenantId } },
    ...(options.expectReplies === false ? {} : { deliveryMode: 'expectReplies' }),
    ...fields,
  };
}

export function messageActivity(sender: Sender, text: string, options: ActivityOptions = {}) {
  return teamsActivity(sender, { type: 'message', text }, options);
}

/** An Action.Execute click, as Teams posts it: an `adaptiveCard/action` invoke with the verb and the card's data + inputs. */
export function executeActivity(
  sender: Sender,
  verb: string,
  data: Record<string, unknown>,
  options: ActivityOptions = {},
) {
  return teamsActivity(
    sender,
    {
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
    },
    { ...options, expectReplies: false },
  );
}

/** The same click from a client without Action.Execute: the fallback Action.Submit, a message whose value carries the verb. */
export function submitActivity(
  sender: Sender,
  verb: string,
  data: Record<string, unknown>,
  options: ActivityOptions = {},
) {
  return teamsActivity(sender, { type: 'message', value: { ...data, verb } }, options);
}
