import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, unlink } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from './atomicFile.js';

const STATE_FOLDER = 'conversations';

/**
 * Items by storage key, each a JSON object with an optional `eTag`: the shape of botbuilder's
 * `StoreItems`, declared here so the store does not depend on the Teams layer's packages. The
 * Teams layer hands this storage to Teams AI as botbuilder's `Storage`, which it satisfies.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- botbuilder's StoreItems is `any` per key
export type StoreItems = Record<string, any>;

/** Conversation state kept by key: what botbuilder and Teams AI call a `Storage`. */
export interface StateStorage {
  read(keys: string[]): Promise<StoreItems>;
  write(changes: StoreItems): Promise<void>;
  delete(keys: string[]): Promise<void>;
}
/** Conversations whose state is held in memory while the disk refuses writes, at most. */
const UNSAVED_KEPT = 10_000;
/** Kept in memory for a key with no state on disk (most turns have no user-scope state). */
const NO_STATE = '';
/** Characters of recently used state kept in memory to answer reads without the disk (about 32 MB). */
const CACHED_CHARACTERS = 16_000_000;

/**
 * Conversation and user state (in-progress flows) for botbuilder and Teams AI, kept on disk so a
 * flow survives a restart. One file per storage key: a turn rewrites only its own conversation's
 * state, never everybody's. Writes are atomic (temporary file + rename) so a kill never leaves a
 * torn file; they are not fsynced, because losing the last step of a half-filled form to a power
 * cut is acceptable where losing an acknowledged account change is not (that store does fsync).
 *
 * When the disk refuses a write (full, read-only), the turn still answers: the state is kept in
 * memory until a later write reaches the disk, and the error is reported by /healthz. So an admin
 * whose form was shown while the disk was full still gets "not saved" from the account store when
 * they press Save, rather than "this form is closed". Only a restart during the outage loses it.
 *
 * Every turn reads its conversation's and user's state. The state recently read or written is kept
 * in memory as the JSON text that is on disk (bounded, least recently used out first), so a turn
 * reads the disk only for a conversation not seen lately. The process owns its data directory, so
 * the copy cannot go stale; each read parses the text again, so a turn that changes its state
 * without saving it changes nothing here.
 *
 * eTags behave like botbuilder's MemoryStorage: a write carrying an eTag other than "*" that no
 * longer matches fails, so two turns cannot silently overwrite each other's state.
 */
export class FileStateStorage implements StateStorage {
  private readonly locks = new Map<string, Promise<unknown>>();
  private lastWriteError: string | undefined;
  /** State the disk refused, newest last; served from memory until written. */
  private readonly unsaved = new Map<string, { eTag: string; item: Record<string, unknown> }>();
  private readonly recent = new RecentTexts(CACHED_CHARACTERS);

  private constructor(private readonly folder: string) {}

  static async open(dataDir: string): Promise<FileStateStorage> {
    const folder = path.join(dataDir, STATE_FOLDER);
    await mkdir(folder, { recursive: true });
    return new FileStateStorage(folder);
  }

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    await Promise.all(
      keys.map(async (key) => {
        const stored = await this.load(key);
        if (stored) items[key] = { ...stored.item, eTag: stored.eTag };
      }),
    );
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    await Promise.all(
      Object.entries(changes).map(([key, item]) =>
        this.exclusive(key, async () => {
          const incoming = { ...(item as Record<string, unknown>) };
          const expected = incoming.eTag as string | undefined;
          delete incoming.eTag;
          if (expected && expected !== '*') {
            const stored = await this.load(key);
            if (stored && stored.eTag !== expected)
              throw new Error(`Storage: error writing "${key}" due to eTag conflict.`);
          }
          const record = { key, eTag: randomUUID(), item: incoming };
          const text = JSON.stringify(record);
          try {
            await writeFileAtomic(this.fileFor(key), text, { durable: false });
            this.recent.set(key, text);
            this.unsaved.delete(key);
            this.lastWriteError = undefined;
          } catch (error) {
            if (!(error as NodeJS.ErrnoException).code) throw error;
            this.lastWriteError = (error as Error).message;
            this.recent.delete(key);
            this.unsaved.delete(key);
            this.unsaved.set(key, { eTag: record.eTag, item: record.item });
            if (this.unsaved.size > UNSAVED_KEPT) this.unsaved.delete(this.unsaved.keys().next().value as string);
          }
        }),
      ),
    );
  }

  async delete(keys: string[]): Promise<void> {
    await Promise.all(
      keys.map((key) =>
        this.exclusive(key, async () => {
          this.unsaved.delete(key);
          this.recent.delete(key);
          await unlink(this.fileFor(key)).catch((error: NodeJS.ErrnoException) => {
            if (error.code !== 'ENOENT') throw error;
          });
        }),
      ),
    );
  }

  /** Whether the last write reached the disk (for /healthz). */
  health(): { ok: boolean; lastWriteError?: string } {
    return this.lastWriteError === undefined ? { ok: true } : { ok: false, lastWriteError: this.lastWriteError };
  }

  private async load(key: string): Promise<{ eTag: string; item: Record<string, unknown> } | undefined> {
    const kept = this.unsaved.get(key);
    if (kept) return kept;
    let text = this.recent.get(key);
    if (text === undefined) {
      try {
        text = await readFile(this.fileFor(key), 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        text = NO_STATE;
      }
      this.recent.set(key, text);
    }
    if (text === NO_STATE) return undefined;
    try {
      const record = JSON.parse(text) as { key: string; eTag: string; item: Record<string, unknown> };
      // A hash collision or a file copied by hand under the wrong name is treated as "no state".
      return record.key === key ? { eTag: record.eTag, item: record.item } : undefined;
    } catch {
      // Conversation state is disposable: an unreadable file means the flow starts over, not a crash.
      return undefined;
    }
  }

  /** Keys come from channel, conversation and user ids: hash them into safe, fixed-length names. */
  private fileFor(key: string): string {
    return path.join(this.folder, `${createHash('sha256').update(key).digest('hex')}.json`);
  }

  /** Runs one operation at a time per key, so an eTag check and its write cannot interleave. */
  private exclusive<T>(key: string, operation: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(key) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(operation);
    this.locks.set(key, run);
    void run
      .finally(() => {
        if (this.locks.get(key) === run) this.locks.delete(key);
      })
      .catch(() => undefined);
    return run;
  }
}

/** Texts by key, least recently used dropped first once their total length passes a bound. */
class RecentTexts {
  private readonly texts = new Map<string, string>();
  private characters = 0;

  constructor(private readonly maxCharacters: number) {}

  get(key: string): string | undefined {
    const text = this.texts.get(key);
    if (text === undefined) return undefined;
    // Map keeps insertion order: moving a key to the end makes the first key the least recently used.
    this.texts.delete(key);
    this.texts.set(key, text);
    return text;
  }

  set(key: string, text: string): void {
    this.delete(key);
    if (text.length > this.maxCharacters) return;
    this.texts.set(key, text);
    // An empty text (no state) still takes a map entry: count it as a short one.
    this.characters += Math.max(text.length, 64);
    for (const [oldest, oldText] of this.texts) {
      if (this.characters <= this.maxCharacters) break;
      this.texts.delete(oldest);
      this.characters -= Math.max(oldText.length, 64);
    }
  }

  delete(key: string): void {
    const text = this.texts.get(key);
    if (text === undefined) return;
    this.texts.delete(key);
    this.characters -= Math.max(text.length, 64);
  }
}
