import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ROLE_IDS } from '../domain/roles.js';
import type { ConversationState } from './turn.js';

/**
 * A guided conversation in progress ("flow"): which form the admin has open, and what they have
 * entered so far. It lives in the conversation state, which is saved to disk after every turn, so
 * a restart in the middle loses nothing. Flows are kept per user: in a group chat, one admin's
 * form is not another's.
 *
 * Every form card carries its flow's id. A submit whose id is not the open flow is a card from a
 * finished, cancelled or replaced conversation: it changes nothing (a double click cannot add a
 * user twice), and gets the outcome it already had when there was one.
 */
const RoleList = z.array(z.enum(ROLE_IDS)).max(ROLE_IDS.length);
const base = { id: z.string().uuid(), startedAt: z.string() };

export const AddUserDraftSchema = z.object({ displayName: z.string().max(1000), email: z.string().max(1000), roles: RoleList });
export type AddUserDraft = z.infer<typeof AddUserDraftSchema>;

export const PICK_PURPOSES = ['edit_roles', 'remove_user', 'notification_email'] as const;
export type PickPurpose = (typeof PICK_PURPOSES)[number];

const FlowSchema = z.discriminatedUnion('kind', [
  z.object({ ...base, kind: z.literal('add_user'), draft: AddUserDraftSchema.optional(), confirming: z.boolean().optional() }),
  z.object({
    ...base,
    kind: z.literal('pick_user'),
    purpose: z.enum(PICK_PURPOSES),
    /** A role change asked in one line ("make someone a billing admin"), proposed once the user is chosen. */
    change: z.object({ add: RoleList, remove: RoleList }).optional(),
  }),
  z.object({
    ...base,
    kind: z.literal('edit_roles'),
    targetId: z.string(),
    /** The target's record revision when the form was shown: a later change makes the form stale. */
    targetRevision: z.number().int(),
    /** Roles chosen, waiting for the confirmation a privileged grant needs. */
    pendingRoles: RoleList.optional(),
  }),
  z.object({ ...base, kind: z.literal('remove_user'), targetId: z.string(), targetRevision: z.number().int() }),
  z.object({
    ...base,
    kind: z.literal('notification_email'),
    targetId: z.string(),
    targetRevision: z.number().int(),
    pendingEmail: z.string().max(254).optional(),
  }),
  /** Organization profile forms: `basis` is the section as the form showed it (stale-card check). */
  z.object({ ...base, kind: z.literal('support_profile'), basis: z.string().max(5_000) }),
  z.object({
    ...base,
    kind: z.literal('primary_contact'),
    basis: z.string().max(5_000),
    /** Typed and valid, waiting for the admin to accept that Microsoft may verify the account again. */
    pending: z.object({ firstName: z.string().max(1000), lastName: z.string().max(1000), email: z.string().max(1000), phone: z.string().max(1000) }).optional(),
  }),
  z.object({ ...base, kind: z.literal('partner_id') }),
  z.object({ ...base, kind: z.literal('add_location') }),
  z.object({ ...base, kind: z.literal('tax_exemptions') }),
]);
export type Flow = z.infer<typeof FlowSchema>;
export type FlowKind = Flow['kind'];

/** A finished flow's last card, so a second click on its form shows the same outcome. */
const OutcomeSchema = z.object({ flowId: z.string(), card: z.record(z.unknown()) });
const OUTCOMES_KEPT = 5;

/** Distributes Omit over a union, so each flow kind keeps its own fields. */
type FlowInput = Flow extends infer F ? (F extends Flow ? Omit<F, 'id' | 'startedAt'> : never) : never;

export class UserFlows {
  constructor(
    private readonly state: ConversationState,
    private readonly userId: string,
  ) {}

  /** The open flow, or undefined. A flow the state file holds in a shape we do not know is dropped. */
  current(): Flow | undefined {
    const parsed = FlowSchema.safeParse(this.state.flows?.[this.userId]);
    return parsed.success ? parsed.data : undefined;
  }

  /** The open flow if it has this id and kind. */
  open<K extends FlowKind>(flowId: string, kind: K): Extract<Flow, { kind: K }> | undefined {
    const flow = this.current();
    return flow && flow.id === flowId && flow.kind === kind ? (flow as Extract<Flow, { kind: K }>) : undefined;
  }

  /** Starts a flow, replacing the open one (close() it first to tell the admin what was set aside). */
  start<F extends FlowInput>(input: F, now = new Date()): F & { id: string; startedAt: string } {
    const flow = { ...input, id: randomUUID(), startedAt: now.toISOString() };
    this.state.flows = { ...(this.state.flows ?? {}), [this.userId]: flow };
    return flow;
  }

  update(flow: Flow): void {
    this.state.flows = { ...(this.state.flows ?? {}), [this.userId]: flow };
  }

  /** Closes the flow; its final card is kept for a repeated click. */
  finish(flowId: string, card?: Record<string, unknown>): void {
    if (this.current()?.id === flowId) this.close();
    if (!card) return;
    const kept = this.outcomes().filter((outcome) => outcome.flowId !== flowId);
    this.state.outcomes = { ...(this.state.outcomes ?? {}), [this.userId]: [...kept, { flowId, card }].slice(-OUTCOMES_KEPT) };
  }

  close(): Flow | undefined {
    const flow = this.current();
    if (this.state.flows && this.userId in this.state.flows) {
      const { [this.userId]: _closed, ...others } = this.state.flows;
      this.state.flows = others;
    }
    return flow;
  }

  outcomeOf(flowId: string): Record<string, unknown> | undefined {
    return this.outcomes().find((outcome) => outcome.flowId === flowId)?.card;
  }

  private outcomes() {
    const parsed = z.array(OutcomeSchema).safeParse(this.state.outcomes?.[this.userId] ?? []);
    return parsed.success ? parsed.data : [];
  }
}
