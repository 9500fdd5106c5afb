import { randomUUID } from 'node:crypto';
import { z } from 'zod';

/**
 * A guided conversation in progress ("flow"): which form the admin has open, and what they have
 * entered so far. It lives in the conversation state, which is saved after every turn, so a
 * restart in the middle loses nothing. Flows are kept per user: in a group chat, one admin's form
 * is not another's.
 *
 * Every form card carries its flow's id. A submit whose id is not the open flow is a card from a
 * finished, cancelled or replaced conversation: it changes nothing (a double click cannot add a
 * user twice), and gets the outcome it already had when there was one.
 *
 * Each conversation defines its own kinds of flow with `defineFlow` (a kind and the fields it
 * keeps, as a zod shape) and lists them in its descriptor; what the state holds is validated
 * against that definition whenever it is read, so a hand-edited or outdated state file is dropped,
 * never trusted.
 */
const FLOW_BASE = {
  id: z.string().uuid(),
  startedAt: z.string(),
  /** Started from a button of the onboarding checklist: its outcome offers the way back. */
  via: z.enum(['checklist']).optional(),
};

export interface FlowDefinition<K extends string = string, S extends z.ZodRawShape = z.ZodRawShape> {
  kind: K;
  schema: z.ZodObject<S & typeof FLOW_BASE & { kind: z.ZodLiteral<K> }>;
  /**
   * Its card only shows information and buttons (nothing typed, nothing chosen yet), so closing it
   * for another task needs no word: "I closed your unfinished form" would be about nothing.
   */
  quiet: boolean;
}

/** A flow as its definition reads it: the common fields plus its own. */
export type FlowOf<D extends FlowDefinition> = z.infer<D['schema']>;

/** What a conversation gives to start a flow of a kind: its own fields (id and start time are added). */
export type FlowFields<D extends FlowDefinition> = Omit<z.input<D['schema']>, 'id' | 'startedAt' | 'kind'>;

export function defineFlow<K extends string, S extends z.ZodRawShape>(
  kind: K,
  fields: S,
  options: { quiet?: boolean } = {},
): FlowDefinition<K, S> {
  const schema = z.object({ ...fields, ...FLOW_BASE, kind: z.literal(kind) });
  return { kind, schema: schema as FlowDefinition<K, S>['schema'], quiet: options.quiet ?? false };
}

/** Any open flow, whatever its kind: what the kit needs to close it or name it. */
export interface OpenFlow {
  id: string;
  kind: string;
  startedAt: string;
  via?: 'checklist';
}

/** Where flows live in the conversation state (the Teams layer's state carries these two slots). */
export interface FlowSlots {
  /** The open guided conversation of each user (by user record id); validated when read. */
  flows?: Record<string, unknown>;
  /** The last outcomes of each user's finished flows, for repeated clicks. */
  outcomes?: Record<string, unknown>;
}

/** A finished flow's last card, so a second click on its form shows the same outcome. */
const OutcomeSchema = z.object({ flowId: z.string(), card: z.record(z.unknown()) });
const OUTCOMES_KEPT = 5;

export class UserFlows {
  /** Where this turn's task was started from (a checklist button); flows started now keep it. */
  startedVia: 'checklist' | undefined;

  constructor(
    private readonly state: FlowSlots,
    private readonly userId: string,
    /** The flow kinds the bot's conversations define, by kind. */
    private readonly definitions: ReadonlyMap<string, FlowDefinition>,
  ) {}

  /** The open flow, or undefined. A flow the state holds in a shape its kind does not define is dropped. */
  current(): OpenFlow | undefined {
    const stored = this.state.flows?.[this.userId] as { kind?: unknown } | undefined;
    const definition = typeof stored?.kind === 'string' ? this.definitions.get(stored.kind) : undefined;
    const parsed = definition?.schema.safeParse(stored);
    return parsed?.success ? (parsed.data as OpenFlow) : undefined;
  }

  /** The open flow if it has this id and is of this kind, as its definition reads it. */
  open<D extends FlowDefinition>(definition: D, flowId: string): FlowOf<D> | undefined {
    const flow = this.current();
    if (!flow || flow.id !== flowId || flow.kind !== definition.kind) return undefined;
    return flow;
  }

  /** The open flow if it is of this kind, whatever its id. */
  openOfKind<D extends FlowDefinition>(definition: D): FlowOf<D> | undefined {
    const flow = this.current();
    return flow?.kind === definition.kind ? flow : undefined;
  }

  /** Starts a flow, replacing the open one (close() it first to tell the admin what was set aside). */
  start<D extends FlowDefinition>(definition: D, fields: FlowFields<D>, now = new Date()): FlowOf<D> {
    const flow = definition.schema.parse({
      ...fields,
      ...(this.startedVia ? { via: this.startedVia } : {}),
      id: randomUUID(),
      startedAt: now.toISOString(),
      kind: definition.kind,
    });
    this.state.flows = { ...(this.state.flows ?? {}), [this.userId]: flow };
    return flow;
  }

  /** Keeps what the open flow holds now (a draft, a choice waiting for confirmation). */
  update<D extends FlowDefinition>(definition: D, flow: FlowOf<D>): void {
    this.state.flows = { ...(this.state.flows ?? {}), [this.userId]: definition.schema.parse(flow) };
  }

  /** Closes the flow; its final card is kept for a repeated click. */
  finish(flowId: string, card?: Record<string, unknown>): void {
    if (this.current()?.id === flowId) this.close();
    if (!card) return;
    const kept = this.outcomes().filter((outcome) => outcome.flowId !== flowId);
    this.state.outcomes = {
      ...(this.state.outcomes ?? {}),
      [this.userId]: [...kept, { flowId, card }].slice(-OUTCOMES_KEPT),
    };
  }

  /** Whether closing this flow for another task is worth telling the admin (see FlowDefinition.quiet). */
  worthMentioning(flow: OpenFlow): boolean {
    return !this.definitions.get(flow.kind)?.quiet;
  }

  close(): OpenFlow | undefined {
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
