import type { StateStorage, StoreItems } from '../fileStateStorage.js';
import type { Pool } from './database.js';

/**
 * Conversation and user state (the flows in progress) in PostgreSQL, shared by every instance: a
 * form opened through one instance can be submitted through another. One row per storage key.
 *
 * The eTag contract of botbuilder's storages (BlobsStorage, MemoryStorage): a write carrying an
 * eTag other than "*" succeeds only if the row still has that eTag, checked and changed in one
 * UPDATE, so of two turns that read the same state the second to write fails instead of silently
 * overwriting the first. A write without an eTag (or "*") replaces whatever is there.
 */
export class PgStateStorage implements StateStorage {
  private lastWriteError: string | undefined;

  constructor(private readonly pool: Pool) {}

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    if (keys.length === 0) return items;
    const { rows } = await this.pool.query<{ key: string; etag: string; value: Record<string, unknown> }>(
      'SELECT key, etag, value FROM conversation_state WHERE key = ANY($1)',
      [keys],
    );
    for (const row of rows) items[row.key] = { ...row.value, eTag: row.etag };
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    try {
      for (const [key, item] of Object.entries(changes)) {
        const { eTag, ...value } = item as Record<string, unknown>;
        const text = JSON.stringify(value);
        if (eTag === undefined || eTag === '*') {
          await this.pool.query(
            `INSERT INTO conversation_state (key, etag, value) VALUES ($1, 1, $2)
             ON CONFLICT (key) DO UPDATE SET etag = conversation_state.etag + 1, value = EXCLUDED.value`,
            [key, text],
          );
          continue;
        }
        const updated = await this.pool.query(
          'UPDATE conversation_state SET etag = etag + 1, value = $3 WHERE key = $1 AND etag = $2',
          [key, typeof eTag === 'string' || typeof eTag === 'number' ? String(eTag) : '', text],
        );
        if (updated.rowCount === 1) continue;
        // No row with that eTag: written by another turn since it was read (or deleted).
        const inserted = await this.pool.query(
          'INSERT INTO conversation_state (key, etag, value) SELECT $1, 1, $2 WHERE NOT EXISTS (SELECT 1 FROM conversation_state WHERE key = $1)',
          [key, text],
        );
        if (inserted.rowCount !== 1) throw new Error(`Storage: error writing "${key}" due to eTag conflict.`);
      }
      this.lastWriteError = undefined;
    } catch (error) {
      if (!(error as Error).message.includes('eTag conflict')) this.lastWriteError = (error as Error).message;
      throw error;
    }
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.pool.query('DELETE FROM conversation_state WHERE key = ANY($1)', [keys]);
  }

  health(): { ok: boolean; lastWriteError?: string } {
    return this.lastWriteError === undefined ? { ok: true } : { ok: false, lastWriteError: this.lastWriteError };
  }
}
