import http from 'node:http';
import {
  executeActivity,
  messageActivity,
  teamsActivity,
  type ActivityOptions,
  type Sender,
} from '../../test/helpers/activities.js';
import { summarize, type LatencySummary } from './stats.js';

/**
 * The load generator, run as its own process (forked by run.ts) so that its work is not counted
 * in the bot's. Each conversation is a closed loop: it sends a turn, waits for the answer, sends
 * the next, like an admin clicking through a form as fast as the bot answers. Every turn is a
 * Teams-shaped activity POSTed to 127.0.0.1 with deliveryMode "expectReplies" (messages) or as an
 * `adaptiveCard/action` invoke (Action.Execute), exactly what Teams sends. A phase is bounded in
 * time and in turns; each request in time too.
 */
export type ConversationKind = 'echo' | 'read' | 'write';

export interface ConversationPlan {
  kind: ConversationKind;
  tenantId: string;
  conversationId: string;
  conversationType: 'personal' | 'groupChat';
  /** Who speaks in this conversation, in turn. */
  speakers: Sender[];
  /** Users whose roles this conversation's writes change (user ids), not shared with other conversations. */
  roleTargets?: string[];
  /** Domain of the work emails of users it adds. */
  emailDomain?: string;
}

export interface DriverPlan {
  url: string;
  conversations: ConversationPlan[];
  /** Turns in the first `warmupMs` are sent but not counted (JIT, caches, connections). */
  warmupMs: number;
  durationMs: number;
  maxTurns: number;
  /** A unique tag for the names and emails this phase creates. */
  tag: string;
}

export interface LabelResult {
  latency: LatencySummary;
  turnsPerSecond: number;
  errors: number;
}

export interface DriverResult {
  elapsedMs: number;
  turns: number;
  turnsPerSecond: number;
  /** Changes the bot confirmed as saved (write conversations only). */
  acceptedChanges: number;
  acceptedPerSecond: number;
  /** Answers that were not what the step expects (error status, a refusal, a form shown again). */
  unexpected: number;
  firstUnexpected?: string;
  overall: LatencySummary;
  labels: Record<string, LabelResult>;
}

const REQUEST_TIMEOUT_MS = 10_000;
const BOT_MENTION = { id: '28:partner-admin-bot', name: 'Partner Admin' };

interface Answer {
  status: number;
  body: any;
  text: string;
}

class Recorder {
  readonly latencies = new Map<string, number[]>();
  readonly errors = new Map<string, number>();
  counting = false;
  turns = 0;
  acceptedChanges = 0;
  unexpected = 0;
  firstUnexpected: string | undefined;

  record(label: string, milliseconds: number, ok: boolean): void {
    if (!this.counting) return;
    this.turns += 1;
    if (!this.latencies.has(label)) this.latencies.set(label, []);
    this.latencies.get(label)?.push(milliseconds);
    if (!ok) this.errors.set(label, (this.errors.get(label) ?? 0) + 1);
  }

  accepted(): void {
    if (this.counting) this.acceptedChanges += 1;
  }

  surprise(what: string): void {
    if (!this.counting) return;
    this.unexpected += 1;
    this.firstUnexpected ??= what.slice(0, 600);
  }
}

function post(agent: http.Agent, url: URL, activity: unknown): Promise<Answer> {
  const payload = Buffer.from(JSON.stringify(activity));
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        path: '/api/messages',
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': payload.length },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown;
          try {
            body = text ? JSON.parse(text) : undefined;
          } catch {
            body = undefined;
          }
          resolve({ status: response.statusCode ?? 0, body, text });
        });
        response.on('error', reject);
      },
    );
    request.setTimeout(REQUEST_TIMEOUT_MS, () => request.destroy(new Error('timed out')));
    request.on('error', reject);
    request.end(payload);
  });
}

/** The card of an answer: the invoke's card, or the first card attachment of the replies. */
function cardOf(answer: Answer): any {
  if (answer.body?.value?.type === 'AdaptiveCard') return answer.body.value;
  for (const activity of answer.body?.activities ?? []) {
    for (const attachment of activity.attachments ?? [])
      if (attachment.content?.type === 'AdaptiveCard') return attachment.content;
  }
  return undefined;
}

/** Every element of a card (body, containers, column sets, action sets), depth first. */
function* elementsOf(node: unknown): Generator<Record<string, unknown>> {
  if (Array.isArray(node)) {
    for (const item of node) yield* elementsOf(item);
  } else if (node && typeof node === 'object') {
    yield node as Record<string, unknown>;
    for (const value of Object.values(node)) if (value && typeof value === 'object') yield* elementsOf(value);
  }
}

function flowIdOf(card: unknown): string | undefined {
  for (const element of elementsOf(card)) {
    const data = element.data as { flowId?: unknown } | undefined;
    if (element.type === 'Action.Execute' && typeof data?.flowId === 'string') return data.flowId;
  }
  return undefined;
}

function isForm(card: unknown): boolean {
  for (const element of elementsOf(card))
    if (typeof element.type === 'string' && element.type.startsWith('Input.')) return true;
  return false;
}

function roleTogglesOf(card: unknown): Record<string, string> {
  const toggles: Record<string, string> = {};
  for (const element of elementsOf(card)) {
    if (element.type === 'Input.Toggle' && typeof element.id === 'string' && element.id.startsWith('role_'))
      toggles[element.id] = typeof element.value === 'string' ? element.value : 'false';
  }
  return toggles;
}

class Conversation {
  private step = 0;
  private readonly url: URL;

  constructor(
    private readonly plan: ConversationPlan,
    private readonly index: number,
    private readonly driver: DriverPlan,
    private readonly agent: http.Agent,
    private readonly recorder: Recorder,
  ) {
    this.url = new URL(driver.url);
  }

  private options(): ActivityOptions {
    return {
      tenantId: this.plan.tenantId,
      conversationId: this.plan.conversationId,
      conversationType: this.plan.conversationType,
    };
  }

  private speaker(): Sender {
    return this.plan.speakers[this.step % this.plan.speakers.length] as Sender;
  }

  private async turn(
    label: string,
    activity: unknown,
    expect: (answer: Answer) => boolean,
  ): Promise<Answer | undefined> {
    const started = process.hrtime.bigint();
    let answer: Answer | undefined;
    try {
      answer = await post(this.agent, this.url, activity);
    } catch (error) {
      this.recorder.record(label, Number(process.hrtime.bigint() - started) / 1e6, false);
      this.recorder.surprise(`${label}: ${(error as Error).message}`);
      return undefined;
    }
    const ok = answer.status === 200 && expect(answer);
    this.recorder.record(label, Number(process.hrtime.bigint() - started) / 1e6, ok);
    if (!ok) this.recorder.surprise(`${label}: ${answer.status} ${answer.text}`);
    return ok ? answer : undefined;
  }

  private message(text: string): Record<string, unknown> {
    if (this.plan.conversationType === 'personal') return messageActivity(this.speaker(), text, this.options());
    // In a group chat Teams only sends the bot messages that @mention it.
    return teamsActivity(
      this.speaker(),
      {
        type: 'message',
        text: `<at>${BOT_MENTION.name}</at> ${text}`,
        entities: [{ type: 'mention', mentioned: BOT_MENTION, text: `<at>${BOT_MENTION.name}</at>` }],
      },
      this.options(),
    );
  }

  private buttonClick(value: Record<string, unknown>): Record<string, unknown> {
    return teamsActivity(this.speaker(), { type: 'message', value }, this.options());
  }

  private hasReply = (answer: Answer) => (answer.body?.activities ?? []).length > 0;

  async next(): Promise<void> {
    const step = this.step;
    switch (this.plan.kind) {
      case 'echo':
        await this.turn('echo', this.message(`hello ${step}`), this.hasReply);
        break;
      case 'read':
        if (step % 2 === 0) await this.turn('my role', this.message("what's my role?"), this.hasReply);
        else await this.turn('who are the global admins', this.message('who are the global admins?'), this.hasReply);
        break;
      case 'write':
        if (step % 2 === 0 || !this.plan.roleTargets?.length) await this.addUser(step);
        else await this.changeRoles(step);
        break;
    }
    this.step += 1;
  }

  /** "Add a user" (the help card's or the last summary's button), then the form's Add button. */
  private async addUser(step: number): Promise<void> {
    const form = await this.turn(
      'add user: open form',
      this.buttonClick({ command: 'add_user' }),
      (answer) => flowIdOf(cardOf(answer)) !== undefined,
    );
    if (!form) return;
    const name = `Bench ${this.driver.tag} ${this.index} ${step}`;
    const email = `bench.${this.driver.tag}.${this.index}.${step}@${this.plan.emailDomain ?? 'contoso.com'}`;
    const data = { flowId: flowIdOf(cardOf(form)), displayName: name, email, role_report_viewer: 'true' };
    const saved = await this.turn(
      'add user: submit (write)',
      executeActivity(this.speaker(), 'add_user.submit', data, this.options()),
      (answer) => {
        const card = cardOf(answer);
        return card !== undefined && !isForm(card) && JSON.stringify(card).includes(name);
      },
    );
    if (saved) this.recorder.accepted();
  }

  /** "Change roles" for one of this conversation's users, then Save with one toggle flipped. */
  private async changeRoles(step: number): Promise<void> {
    const targets = this.plan.roleTargets as string[];
    const userId = targets[Math.floor(step / 2) % targets.length] as string;
    const editor = await this.turn(
      'change roles: open editor',
      this.buttonClick({ command: 'assign_roles', userId }),
      (answer) => flowIdOf(cardOf(answer)) !== undefined,
    );
    if (!editor) return;
    const card = cardOf(editor);
    const toggles = roleTogglesOf(card);
    toggles.role_referrals_user = toggles.role_referrals_user === 'true' ? 'false' : 'true';
    const data = { flowId: flowIdOf(card), ...toggles };
    const saved = await this.turn(
      'change roles: save (write)',
      executeActivity(this.speaker(), 'edit_roles.save', data, this.options()),
      (answer) => {
        const result = cardOf(answer);
        return result !== undefined && !isForm(result);
      },
    );
    if (saved) this.recorder.accepted();
  }
}

export async function drive(plan: DriverPlan): Promise<DriverResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: plan.conversations.length });
  const recorder = new Recorder();
  const conversations = plan.conversations.map(
    (conversation, index) => new Conversation(conversation, index, plan, agent, recorder),
  );
  const started = performance.now();
  const measuredFrom = started + plan.warmupMs;
  const stopAt = measuredFrom + plan.durationMs;
  const warmup = setTimeout(() => (recorder.counting = true), plan.warmupMs);
  if (plan.warmupMs === 0) recorder.counting = true;
  await Promise.all(
    conversations.map(async (conversation) => {
      while (performance.now() < stopAt && recorder.turns < plan.maxTurns) await conversation.next();
    }),
  );
  clearTimeout(warmup);
  const elapsedMs = performance.now() - measuredFrom;
  agent.destroy();
  const seconds = elapsedMs / 1000;
  const labels: Record<string, LabelResult> = {};
  for (const [label, latencies] of recorder.latencies) {
    labels[label] = {
      latency: summarize(latencies),
      turnsPerSecond: latencies.length / seconds,
      errors: recorder.errors.get(label) ?? 0,
    };
  }
  return {
    elapsedMs,
    turns: recorder.turns,
    turnsPerSecond: recorder.turns / seconds,
    acceptedChanges: recorder.acceptedChanges,
    acceptedPerSecond: recorder.acceptedChanges / seconds,
    unexpected: recorder.unexpected,
    ...(recorder.firstUnexpected ? { firstUnexpected: recorder.firstUnexpected } : {}),
    overall: summarize([...recorder.latencies.values()].flat()),
    labels,
  };
}

// Forked by run.ts: one plan in, one result out.
if (process.send) {
  process.once('message', (plan: DriverPlan) => {
    drive(plan).then(
      (result) => process.send?.({ result }, () => process.exit(0)),
      (error: unknown) => process.send?.({ error: (error as Error)?.stack ?? String(error) }, () => process.exit(1)),
    );
  });
}
