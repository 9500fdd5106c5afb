import { randomUUID } from 'node:crypto';
import pg from 'pg';

/** The channel the database announces organization writes on (migration 4's trigger). */
export const CHANGES_CHANNEL = 'partner_admin_changes';

/** Longest wait between two attempts to listen again after the connection was lost. */
const MAX_RETRY_MS = 5_000;

/**
 * Which organizations and conversation states other instances wrote, told by the database itself:
 * triggers on their tables send a notification when a write commits (LISTEN/NOTIFY), naming the
 * schema, the tenant or state key, and the instance that wrote (its connections' application_name).
 *
 * With it an instance re-reads an organization only when someone else changed it, instead of
 * asking for its version at every turn. What is read between another instance's commit and the
 * notification (a few milliseconds) is the version before: a read can be that much behind, a
 * change never is (every change locks the organization's row and checks its version).
 *
 * While the feed is not listening (starting, connection lost) nothing can be trusted to be
 * current: `listening` is false and readers check the database every time, as without a feed;
 * each time it starts listening again, `generation` moves on, so every copy is checked once more
 * (a write may have been missed meanwhile).
 */
export class ChangeFeed {
  /** This instance's name on its connections: its own writes are not news to it. */
  readonly instance = `partner-admin-${randomUUID()}`;
  private client: pg.Client | undefined;
  private schema = '';
  private listeningNow = false;
  private closed = false;
  private retryMs = 100;
  private retry: NodeJS.Timeout | undefined;
  private generationNow = 0;
  private readonly changed = new Set<string>();
  private readonly stateListeners = new Set<(key: string | undefined) => void>();

  constructor(private readonly connectionString: string) {}

  /** Starts listening; resolves once it is (or when the first attempt failed: it keeps trying). */
  async start(): Promise<void> {
    await this.connect();
  }

  get listening(): boolean {
    return this.listeningNow;
  }

  /** Moves on each time the feed starts listening: a copy checked in an older generation is checked again. */
  get generation(): number {
    return this.generationNow;
  }

  /**
   * Calls `listener` with each conversation state key another instance wrote or deleted (undefined:
   * some key, too long to name in a notification).
   */
  onStateWritten(listener: (key: string | undefined) => void): void {
    this.stateListeners.add(listener);
  }

  /** Whether another instance wrote this organization since the last call for it (and forgets it). */
  takeChanged(tenantId: string): boolean {
    return this.changed.delete(tenantId);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    this.listeningNow = false;
    await this.client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({ connectionString: this.connectionString, application_name: this.instance });
    this.client = client;
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    client.on('notification', (message) => this.receive(message.payload));
    try {
      await client.connect();
      const { rows } = await client.query<{ schema: string }>('SELECT current_schema() AS schema');
      this.schema = rows[0]?.schema ?? '';
      await client.query(`LISTEN ${CHANGES_CHANNEL}`);
      this.retryMs = 100;
      this.generationNow += 1;
      this.changed.clear();
      this.listeningNow = true;
    } catch {
      this.lost(client);
    }
  }

  private lost(client: pg.Client): void {
    if (client !== this.client) return;
    this.client = undefined;
    this.listeningNow = false;
    client.end().catch(() => undefined);
    if (this.closed) return;
    clearTimeout(this.retry);
    this.retry = setTimeout(() => void this.connect(), this.retryMs);
    this.retry.unref();
    this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
  }

  private receive(payload: string | undefined): void {
    let change: { schema?: unknown; tenant?: unknown; state?: unknown; from?: unknown };
    try {
      change = JSON.parse(payload ?? '') as typeof change;
    } catch {
      return;
    }
    if (change.schema !== this.schema || change.from === this.instance) return;
    if (typeof change.tenant === 'string') this.changed.add(change.tenant);
    if ('state' in change) {
      const key = typeof change.state === 'string' ? change.state : undefined;
      for (const listener of this.stateListeners) listener(key);
    }
  }
}
