import { open, readFile, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { OrganizationFileSchema } from './schema.js';
import { StoreValidationError } from './accountStore.js';

/**
 * The write-ahead journal of one organization, beside its lowdb file: `<tenant>.journal`, one JSON
 * line per change with only what the change touched, part by part of the document (see
 * documentParts): for a collection of records with ids (users, audit) the records it replaced or
 * added, for any other part (the organization record) the whole part. A line is a partial
 * document: `{"users":[…],"organization":{…},"audit":[…]}`, the shape lines always had, so a
 * journal written before every part was carried still replays.
 *
 * Why: rewriting the whole organization file for every change costs the file's size (4.8 MB and
 * ~30 ms to serialize and fsync at 10,000 users), so changes would queue behind each other. An
 * appended line costs its own size (~0.3 ms with its fsync, measured on the benchmark machine). A
 * change is acknowledged only once its line is flushed to disk, exactly as before with the file.
 * Now and then the journal is folded into the lowdb file (compaction) and emptied.
 *
 * Why every part: a part the line did not carry would live in memory only, be acknowledged, and be
 * gone at the next start before compaction (and a part the schema does not know, once folded into
 * the file, would stop start-up). So which parts exist and how each is carried is read from the
 * document's schema, and what a line cannot carry (a part the schema does not know, a deleted
 * record) is refused when the change is made (changedParts), never kept in memory. A new
 * collection in the schema is journaled without touching this file.
 *
 * Replaying is idempotent: records are replaced by id (or added), other parts replaced. So a crash
 * between writing the compacted file and emptying the journal replays lines the file already holds,
 * and nothing changes twice.
 */

/** One journal line: part name → the records a change replaced or added, or the whole part. */
export type JournalRecord = Record<string, unknown>;

/** How the journal carries one top-level part of the document. */
export interface DocumentPart {
  readonly name: string;
  /**
   * `records`: a list of records with an `id`; a line holds the ones a change replaced in place or
   * added, replayed by id. `whole`: anything else; a line holds the whole part.
   */
  readonly kind: 'records' | 'whole';
  /** What each record (`records`) or the part itself (`whole`) must match. */
  readonly schema: z.ZodTypeAny;
}

export type DocumentParts = ReadonlyMap<string, DocumentPart>;

const partsBySchema = new WeakMap<z.ZodTypeAny, { parts: DocumentParts; line: z.ZodTypeAny }>();

/** The parts of a document schema (an object, possibly refined), read once per schema. */
export function documentParts(documentSchema: z.ZodTypeAny): DocumentParts {
  return describe(documentSchema).parts;
}

function describe(documentSchema: z.ZodTypeAny): { parts: DocumentParts; line: z.ZodTypeAny } {
  const known = partsBySchema.get(documentSchema);
  if (known) return known;
  const object = unwrap(documentSchema);
  if (!(object instanceof z.ZodObject)) throw new Error('A journaled document must be an object');
  const parts = new Map<string, DocumentPart>();
  for (const [name, schema] of Object.entries(object.shape as Record<string, z.ZodTypeAny>)) {
    const list = unwrap(schema);
    const record = list instanceof z.ZodArray ? unwrap(list.element as z.ZodTypeAny) : undefined;
    const keyed = record instanceof z.ZodObject && 'id' in record.shape;
    const element = (list as z.ZodArray<z.ZodTypeAny>).element;
    parts.set(name, keyed ? { name, kind: 'records', schema: element } : { name, kind: 'whole', schema });
  }
  // A line names only parts of the document, each checked as the document would check it.
  const fields = [...parts.values()].map((part) => {
    const carried = part.kind === 'records' ? z.array(part.schema) : part.schema;
    return [part.name, carried.optional()] as const;
  });
  const line = z.object(Object.fromEntries(fields)).strict();
  const described = { parts, line };
  partsBySchema.set(documentSchema, described);
  return described;
}

/** The schema under refinements, optional and default wrappers. */
function unwrap(schema: z.ZodTypeAny): z.ZodTypeAny {
  if (schema instanceof z.ZodEffects) return unwrap(schema.innerType() as z.ZodTypeAny);
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable)
    return unwrap(schema.unwrap() as z.ZodTypeAny);
  if (schema instanceof z.ZodDefault) return unwrap(schema.removeDefault() as z.ZodTypeAny);
  return schema;
}

/** The organization document's parts: formatVersion and organization whole, users and audit as records. */
export const ORGANIZATION_PARTS = documentParts(OrganizationFileSchema);

/** A change touched the document in a way no journal line can carry: refused, nothing changed. */
export class UnjournaledChangeError extends Error {
  constructor(
    readonly part: string,
    detail: string,
  ) {
    super(`Refusing to change "${part}": ${detail}. Nothing was changed.`);
    this.name = 'UnjournaledChangeError';
  }
}

export type PartChange =
  | { part: DocumentPart; kind: 'records'; replaced: unknown[]; added: unknown[] }
  | { part: DocumentPart; kind: 'whole'; value: unknown };

/**
 * Every part `next` changed from `base`, compared by reference (documents are frozen and changes
 * pure, so a part left alone keeps its identity): what the change's journal line must carry.
 * Throws UnjournaledChangeError for what a line cannot carry: a part the schema does not have, a
 * part removed, a record deleted, moved or given another id (replay goes by id). Does not
 * validate the records or parts themselves (the store does, with each part's schema).
 */
export function changedParts(base: object, next: object, parts: DocumentParts): PartChange[] {
  const before = base as Record<string, unknown>;
  const after = next as Record<string, unknown>;
  const changes: PartChange[] = [];
  for (const name of Object.keys(before)) {
    // A line has no way to say "gone" (JSON has no undefined), and replay would keep the old part.
    if (before[name] !== undefined && after[name] === undefined) {
      throw new UnjournaledChangeError(name, 'a part of the document cannot be removed');
    }
  }
  for (const name of Object.keys(after)) {
    const value = after[name];
    if (value === before[name]) continue;
    const part = parts.get(name);
    if (!part) {
      throw new UnjournaledChangeError(name, 'the document has no such part (add it to src/store/schema.ts)');
    }
    if (part.kind === 'whole') changes.push({ part, kind: 'whole', value });
    else changes.push({ part, kind: 'records', ...changedRecords(name, before[name] ?? [], value) });
  }
  return changes;
}

/**
 * The records a change replaced or added. Records are replaced in place (map) or appended: a record
 * at the same position is the same record, so comparing by position finds them without an index.
 */
function changedRecords(name: string, base: unknown, next: unknown): { replaced: unknown[]; added: unknown[] } {
  if (!Array.isArray(base) || !Array.isArray(next)) {
    throw new UnjournaledChangeError(name, 'it must stay a list of records');
  }
  if (next.length < base.length) {
    throw new UnjournaledChangeError(name, 'records cannot be deleted (mark them instead)');
  }
  const replaced: unknown[] = [];
  for (let index = 0; index < base.length; index += 1) {
    const record: unknown = next[index];
    if (record === base[index]) continue;
    if (idOf(record) !== idOf(base[index])) {
      throw new UnjournaledChangeError(name, `records must keep their place (${String(idOf(base[index]))} was moved)`);
    }
    replaced.push(record);
  }
  return { replaced, added: next.slice(base.length) };
}

/**
 * Records a change added must have ids of their own: replay goes by id, so a second record with an
 * id already used would replace the first one at the next start. (Users are checked by their
 * directory, which indexes ids; this scans the list, once per change that adds records.)
 */
export function assertNewIds(name: string, base: readonly unknown[] | undefined, added: readonly unknown[]): void {
  if (added.length === 0) return;
  const ids = new Set(added.map(idOf));
  if (ids.size !== added.length) throw new UnjournaledChangeError(name, 'two new records have the same id');
  for (const record of base ?? []) {
    if (ids.has(idOf(record))) {
      throw new UnjournaledChangeError(name, `a record with the id ${String(idOf(record))} already exists`);
    }
  }
}

function idOf(record: unknown): unknown {
  return (record as { id?: unknown } | null | undefined)?.id;
}

export function journalFileOf(organizationFile: string): string {
  return organizationFile.replace(/\.json$/, '.journal');
}

export interface LoadedJournal {
  records: JournalRecord[];
  /** Bytes of complete lines: anything after them is a line torn by a crash, never acknowledged. */
  validBytes: number;
}

/**
 * Reads a journal. Only lines ending in a newline count: a write cut short by a crash leaves a last
 * line without one, whose change was never acknowledged, and it is dropped. A complete line that
 * is not a valid record means the file was damaged or edited: start-up stops and names the line.
 */
export async function readJournal(
  file: string,
  documentSchema: z.ZodTypeAny = OrganizationFileSchema,
): Promise<LoadedJournal> {
  const { line: lineSchema } = describe(documentSchema);
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { records: [], validBytes: 0 };
    throw error;
  }
  const validBytes = bytes.lastIndexOf(0x0a) + 1;
  const text = bytes.subarray(0, validBytes).toString('utf8');
  const records: JournalRecord[] = [];
  const lines = text.split('\n');
  lines.pop(); // after the last newline
  lines.forEach((line, index) => {
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch (error) {
      throw new StoreValidationError(file, `line ${index + 1}`, `not valid JSON (${(error as Error).message})`);
    }
    const parsed = lineSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new StoreValidationError(
        file,
        `line ${index + 1}`,
        `${issue?.path.join('.') || '(root)'}: ${issue?.message}`,
      );
    }
    records.push(parsed.data as JournalRecord);
  });
  return { records, validBytes };
}

/**
 * Applies journal lines to a document as read from its file (before validation): for each part a
 * line names, records replaced by id or added, other parts replaced. A file whose collection is
 * not a list is returned as it is, for validation to name what is wrong with it.
 */
export function replayJournal(
  document: unknown,
  records: readonly JournalRecord[],
  documentSchema: z.ZodTypeAny = OrganizationFileSchema,
): unknown {
  if (records.length === 0 || !document || typeof document !== 'object' || Array.isArray(document)) return document;
  const { parts } = describe(documentSchema);
  const result: Record<string, unknown> = { ...document };
  const collections = new Map<string, { list: unknown[]; positions: Map<unknown, number> }>();
  const collection = (name: string) => {
    let known = collections.get(name);
    if (!known) {
      const list = [...((result[name] as unknown[] | undefined) ?? [])];
      known = { list, positions: new Map(list.map((record, index) => [idOf(record), index])) };
      collections.set(name, known);
    }
    return known;
  };
  for (const record of records) {
    for (const name of Object.keys(record)) {
      const notAList = result[name] !== undefined && !Array.isArray(result[name]);
      if (parts.get(name)?.kind === 'records' && notAList) return document;
    }
  }
  for (const record of records) {
    for (const [name, value] of Object.entries(record)) {
      if (value === undefined) continue;
      if (parts.get(name)?.kind !== 'records') {
        result[name] = value;
        continue;
      }
      const { list, positions } = collection(name);
      for (const item of value as unknown[]) {
        const position = positions.get(idOf(item));
        if (position === undefined) {
          positions.set(idOf(item), list.length);
          list.push(item);
        } else {
          list[position] = item;
        }
      }
    }
  }
  for (const [name, { list }] of collections) result[name] = list;
  return result;
}

/**
 * Appends to a journal. The file is opened for each write and closed after it (a write holds a
 * batch of changes, so this costs little, and no descriptor stays open per organization). If an
 * append fails part-way (disk full, I/O error), the file is cut back to its last complete line, so
 * a change reported as not saved never reappears after a restart.
 */
export class JournalWriter {
  /** Whether the file's length and its name in the folder are known to be on disk. */
  private settled = false;

  constructor(
    readonly file: string,
    /** Bytes of the journal that hold complete lines (see readJournal). */
    private size: number,
  ) {}

  get bytes(): number {
    return this.size;
  }

  async append(text: string): Promise<void> {
    const data = Buffer.from(text, 'utf8');
    await this.withFile(async (handle) => {
      try {
        await handle.write(data, 0, data.length, null);
        await handle.datasync();
      } catch (error) {
        await handle
          .truncate(this.size)
          .then(() => handle.datasync())
          .catch(() => (this.settled = false));
        throw error;
      }
      this.size += data.length;
    });
  }

  /** Empties the journal once its lines are in the organization file. */
  async clear(): Promise<void> {
    await this.withFile(async (handle) => {
      await handle.truncate(0);
      await handle.datasync();
      this.size = 0;
    });
  }

  private async withFile(use: (handle: FileHandle) => Promise<void>): Promise<void> {
    const handle = await open(this.file, 'a', 0o600);
    try {
      if (!this.settled) await this.settle(handle);
      await use(handle);
    } finally {
      await handle.close();
    }
  }

  /**
   * Before the first append (and after an append that could not be cut back): drop anything after
   * the last complete line (a torn line left by a crash), and make sure the journal's own name is
   * on disk (it may have just been created).
   */
  private async settle(handle: FileHandle): Promise<void> {
    if ((await handle.stat()).size !== this.size) {
      await handle.truncate(this.size);
      await handle.datasync();
    }
    const folder = await open(path.dirname(this.file), 'r');
    try {
      await folder.sync();
    } finally {
      await folder.close();
    }
    this.settled = true;
  }
}
