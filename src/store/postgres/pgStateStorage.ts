import type { StateStorage, StoreItems } from '../fileStateStorage.js';
import type { ChangeFeed } from './changeFeed.js';
import type { Pool } from './database.js';

/** States kept in memory, least recently used let go first: the conversations active now. */
const CACHED_STATES = 10_000;

interface Kept {
  /** null: no row for this key. */
  etag: string | null;
  text: string;
  /** The change feed's generation it was read or written in. */
  generation: number;
}

/**
 * Conversation and user state (the flows in progress) in PostgreSQL, shared by every instance: a
 * form opened through one instance can be submitted through another. One row per storage key.
 *
 * The eTag contract of botbuilder's storages (BlobsStorage, MemoryStorage): a write carrying an
 * eTag other than "*" succeeds only if the row still has that eTag, checked and changed in one
 * UPDATE, so of two turns that read the same state the second to write fails instead of silently
 * overwriting the first. A write without an eTag (or "*") replaces whatever is there.
 *
 * With a change feed, what this instance read or wrote is kept and read again from the database
 * only when another instance wrote that key (or while the feed is down). A turn that read a state
 * in the moment between another instance's write and its notification writes with the older
 * eTag, and is refused like any concurrent write: nothing is overwritten.
 */
export class PgStateStorage implements StateStorage {
  private lastWriteError: string | undefined;
  /** Least recently used first. */
  private readonly kept = new Map<string, Kept>();
  /**
   * Notifications received so far: a read or write that saw one arrive while it waited on the
   * database keeps nothing (the notification may be about what it read, and may have come first).
   */
  private notices = 0;

  constructor(
    private readonly pool: Pool,
    private readonly feed?: ChangeFeed,
  ) {
    feed?.onStateWritten((key) => {
      this.notices += 1;
      if (key === undefined) this.kept.clear();
      else this.kept.delete(key);
    });
  }

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    if (keys.length === 0) return items;
    const missing = keys.filter((key) => !this.fromMemory(key, items));
    if (missing.length === 0) return items;
    const since = this.trustFrom();
    const { rows } = await this.pool.query<{ key: string; etag: string; value: string }>(
      'SELECT key, etag, value::text AS value FROM conversation_state WHERE key = ANY($1)',
      [missing],
    );
    const found = new Map(rows.map((row) => [row.key, row]));
    for (const key of missing) {
      const row = found.get(key);
      if (row) items[key] = { ...(JSON.parse(row.value) as object), eTag: String(row.etag) };
      this.keep(key, row ? String(row.etag) : null, row?.value ?? '', since);
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    const since = this.trustFrom();
    try {
      for (const [key, item] of Object.entries(changes)) {
        const { eTag, ...value } = item as Record<string, unknown>;
        const text = JSON.stringify(value);
        // Whatever happens next, what was kept for this key may be out of date.
        this.kept.delete(key);
        if (eTag === undefined || eTag === '*') {
          const { rows } = await this.pool.query<{ etag: string }>(
            `INSERT INTO conversation_state (key, etag, value) VALUES ($1, 1, $2)
             ON CONFLICT (key) DO UPDATE SET etag = conversation_state.etag + 1, value = EXCLUDED.value
             RETURNING etag`,
            [key, text],
          );
          this.keep(key, String(rows[0]!.etag), text, since);
          continue;
        }
        const updated = await this.pool.query<{ etag: string }>(
          'UPDATE conversation_state SET etag = etag + 1, value = $3 WHERE key = $1 AND etag = $2 RETURNING etag',
          [key, typeof eTag === 'string' || typeof eTag === 'number' ? String(eTag) : '', text],
        );
        if (updated.rowCount === 1) {
          this.keep(key, String(updated.rows[0]!.etag), text, since);
          continue;
        }
        // No row with that eTag: written by another turn since it was read (or deleted).
        const inserted = await this.pool.query<{ etag: string }>(
          'INSERT INTO conversation_state (key, etag, value) SELECT $1, 1, $2 WHERE NOT EXISTS (SELECT 1 FROM conversation_state WHERE key = $1) RETURNING etag',
          [key, text],
        );
        if (inserted.rowCount !== 1) throw new Error(`Storage: error writing "${key}" due to eTag conflict.`);
        this.keep(key, String(inserted.rows[0]!.etag), text, since);
      }
      this.lastWriteError = undefined;
    } catch (error) {
      if (!(error as Error).message.includes('eTag conflict')) this.lastWriteError = (error as Error).message;
      throw error;
    }
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    for (const key of keys) this.kept.delete(key);
    await this.pool.query('DELETE FROM conversation_state WHERE key = ANY($1)', [keys]);
  }

  health(): { ok: boolean; lastWriteError?: string } {
    return this.lastWriteError === undefined ? { ok: true } : { ok: false, lastWriteError: this.lastWriteError };
  }

  /** Puts the kept state of `key` in `items` if it can be trusted; answers whether it could. */
  private fromMemory(key: string, items: StoreItems): boolean {
    const kept = this.kept.get(key);
    if (!kept || !this.feed?.listening || kept.generation !== this.feed.generation) return false;
    this.kept.delete(key);
    this.kept.set(key, kept);
    // A copy each time: the turn changes the object it is given.
    if (kept.etag !== null) items[key] = { ...(JSON.parse(kept.text) as object), eTag: kept.etag };
    return true;
  }

  /** Where the feed stands before asking the database (undefined: not listening, keep nothing). */
  private trustFrom(): { generation: number; notices: number } | undefined {
    return this.feed?.listening ? { generation: this.feed.generation, notices: this.notices } : undefined;
  }

  private keep(
    key: string,
    etag: string | null,
    text: string,
    since: { generation: number; notices: number } | undefined,
  ): void {
    if (!since || since.notices !== this.notices) return;
    this.kept.delete(key);
    this.kept.set(key, { etag, text, generation: since.generation });
    if (this.kept.size > CACHED_STATES) this.kept.delete(this.kept.keys().next().value as string);
  }
}
