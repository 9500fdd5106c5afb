import type { ZodTypeAny } from 'zod';
import {
  OrganizationExistsError,
  StoreValidationError,
  StoreWriteError,
  type AccountStore,
  type AuditDraft,
  type ChangeContext,
  type ChangeOutcome,
  type StoreHealth,
  type TenantStore,
} from '../accountStore.js';
import { deepFreeze } from '../freeze.js';
import { documentParts, type DocumentParts } from '../organizationJournal.js';
import { sealChange } from '../sealChange.js';
import {
  AuditEntrySchema,
  GUID_PATTERN,
  OrganizationFileSchema,
  STORE_FORMAT_VERSION,
  type AuditEntry,
  type OrganizationFile,
  type UserRecord,
} from '../schema.js';
import { UserDirectory } from '../userDirectory.js';
import { inSnapshot, inTransaction, type Client, type Pool } from './database.js';

/**
 * The account store in PostgreSQL, shared by every instance of the bot. One row per organization
 * (its document without the audit log, and a version that moves on with every write) and one row
 * per audit entry, in a table the database keeps append-only.
 *
 * Each instance keeps a copy of the organizations it has opened, so a turn reads synchronously;
 * `current` brings the copy up to date at the start of a turn (one indexed read when nothing
 * changed). A change locks the organization's row (SELECT … FOR UPDATE), so changes from every
 * instance apply one after another, each to the latest document: the copy is reloaded under the
 * lock if another instance wrote since, the change function runs (the policy asked again), and
 * the document, its version and its audit entries are written in one transaction. The change is
 * acknowledged only once that transaction has committed.
 */
/**
 * Copies kept in memory, counted in users: past this, the organizations used least recently are
 * let go (a turn still holding one goes on safely: every change locks and checks the database).
 * Memory follows the organizations in use, not the number in the database.
 */
const CACHED_USERS = 50_000;

export class PgAccountStore implements AccountStore {
  /** Least recently used first. */
  private readonly stores = new Map<string, PgTenantStore>();
  private lastWriteError: string | undefined;

  private constructor(
    private readonly pool: Pool,
    private readonly schema: ZodTypeAny,
    private readonly cachedUsers: number,
  ) {}

  static open(pool: Pool, options: { schema?: ZodTypeAny; cachedUsers?: number } = {}): PgAccountStore {
    return new PgAccountStore(pool, options.schema ?? OrganizationFileSchema, options.cachedUsers ?? CACHED_USERS);
  }

  organization(tenantId: string): TenantStore | undefined {
    const key = tenantId.toLowerCase();
    if (!GUID_PATTERN.test(key)) return undefined;
    return this.stores.get(key);
  }

  async current(tenantId: string): Promise<TenantStore | undefined> {
    const key = tenantId.toLowerCase();
    if (!GUID_PATTERN.test(key)) return undefined;
    const known = this.stores.get(key);
    if (known) {
      this.stores.delete(key);
      this.stores.set(key, known);
      await known.refresh();
      return known;
    }
    const client = await this.pool.connect();
    try {
      const loaded = await inSnapshot(client, () => loadOrganizationRow(client, key, this.schema));
      if (!loaded) return undefined;
      // Another turn may have opened it meanwhile: keep one copy.
      const raced = this.stores.get(key);
      if (raced) return raced;
      const store = new PgTenantStore(this.pool, key, loaded, this.schema, (error) => this.noteWrite(error));
      this.stores.set(key, store);
      this.release();
      return store;
    } finally {
      client.release();
    }
  }

  /** The tenants that have an organization in the database. */
  async tenantIds(): Promise<string[]> {
    const { rows } = await this.pool.query<{ tenant_id: string }>(
      'SELECT tenant_id FROM organizations ORDER BY tenant_id',
    );
    return rows.map((row) => row.tenant_id);
  }

  async createOrganization(document: OrganizationFile): Promise<TenantStore> {
    const tenantId = document.organization.tenantId;
    const valid = validateDocument(`organization ${tenantId}`, document, this.schema);
    const parts = documentParts(this.schema);
    let lastSeq = 0;
    const client = await this.pool.connect().catch((cause: unknown) => {
      this.noteWrite((cause as Error).message);
      throw new StoreWriteError(`organization ${tenantId}`, cause);
    });
    try {
      await inTransaction(client, async () => {
        const inserted = await client.query(
          'INSERT INTO organizations (tenant_id, version, document) VALUES ($1, 1, $2) ON CONFLICT DO NOTHING',
          [tenantId, JSON.stringify(withoutRecords(valid, parts))],
        );
        if (inserted.rowCount === 0) throw new OrganizationExistsError(tenantId);
        for (const part of recordParts(parts)) {
          const list = (valid as unknown as Record<string, unknown[] | undefined>)[part] ?? [];
          await writeRecords(
            client,
            tenantId,
            part,
            list.map((record, ordinal) => ({ record, ordinal })),
          );
        }
        lastSeq = await insertAudit(client, tenantId, valid.audit);
      });
    } catch (cause) {
      if (cause instanceof OrganizationExistsError) throw cause;
      this.noteWrite((cause as Error).message);
      throw new StoreWriteError(`organization ${tenantId}`, cause);
    } finally {
      client.release();
    }
    this.noteWrite(undefined);
    const store = new PgTenantStore(
      this.pool,
      tenantId,
      { document: valid, version: 1, lastSeq },
      this.schema,
      (error) => this.noteWrite(error),
    );
    this.stores.set(tenantId, store);
    this.release();
    return store;
  }

  /** Organizations kept in memory now (for tests and the bench). */
  get cached(): number {
    return this.stores.size;
  }

  /** Lets the least recently used copies go while more users than CACHED_USERS are held. */
  private release(): void {
    let users = 0;
    for (const store of this.stores.values()) users += store.read().users.length;
    for (const [key, store] of this.stores) {
      if (users <= this.cachedUsers || this.stores.size <= 1) break;
      users -= store.read().users.length;
      this.stores.delete(key);
    }
  }

  health(): StoreHealth {
    return this.lastWriteError !== undefined
      ? { ok: false, organizations: this.stores.size, lastWriteError: this.lastWriteError }
      : { ok: true, organizations: this.stores.size };
  }

  async checkStorage(): Promise<boolean> {
    try {
      await this.pool.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  /** Every change is committed before it is acknowledged: nothing waits to be written. */
  async flush(): Promise<void> {
    await Promise.all([...this.stores.values()].map((store) => store.idle()));
  }

  private noteWrite(error: string | undefined): void {
    this.lastWriteError = error;
  }
}

interface LoadedOrganization {
  document: OrganizationFile;
  version: number;
  /** The last audit row read. */
  lastSeq: number;
}

class PgTenantStore implements TenantStore {
  private persisted: OrganizationFile;
  private version: number;
  private lastSeq: number;
  private directory: UserDirectory;
  private readonly parts: DocumentParts;
  /** Changes from this instance go one at a time (the row lock orders them with other instances'). */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly pool: Pool,
    readonly tenantId: string,
    loaded: LoadedOrganization,
    private readonly schema: ZodTypeAny,
    private readonly onWrite: (error: string | undefined) => void,
  ) {
    this.persisted = deepFreeze(loaded.document);
    this.version = loaded.version;
    this.lastSeq = loaded.lastSeq;
    this.directory = new UserDirectory(this.persisted.users);
    this.parts = documentParts(schema);
  }

  read(): OrganizationFile {
    return this.persisted;
  }

  userById(userId: string): UserRecord | undefined {
    return this.directory.byId(userId);
  }

  userByObjectId(aadObjectId: string): UserRecord | undefined {
    return this.directory.byObjectId(aadObjectId);
  }

  userByEmail(email: string): UserRecord | undefined {
    return this.directory.byEmail(email);
  }

  /**
   * Brings the copy up to date with what other instances wrote. In the same queue as this
   * instance's changes: a refresh must not swap the copy under a change in progress.
   */
  refresh(): Promise<void> {
    const done = this.queue.then(() => this.refreshNow());
    this.queue = done.catch(() => undefined);
    return done;
  }

  private async refreshNow(): Promise<void> {
    const { rows } = await this.pool.query<{ version: string }>(
      'SELECT version FROM organizations WHERE tenant_id = $1',
      [this.tenantId],
    );
    const version = Number(rows[0]?.version ?? this.version);
    if (version === this.version) return;
    const client = await this.pool.connect();
    try {
      await inSnapshot(client, () => this.reload(client));
    } finally {
      client.release();
    }
  }

  change<T>(apply: (current: OrganizationFile, context: ChangeContext) => ChangeOutcome<T>): Promise<T> {
    const result = this.queue.then(() => this.changeNow(apply));
    this.queue = result.catch(() => undefined);
    return result;
  }

  recordRefusal(entry: Omit<AuditDraft, 'outcome'> & { reason: string }): Promise<void> {
    return this.change((current) => ({ next: current, result: undefined, audit: [{ ...entry, outcome: 'refused' }] }));
  }

  async idle(): Promise<void> {
    await this.queue;
  }

  private async changeNow<T>(
    apply: (current: OrganizationFile, context: ChangeContext) => ChangeOutcome<T>,
  ): Promise<T> {
    let client: Client;
    try {
      client = await this.pool.connect();
    } catch (cause) {
      this.onWrite((cause as Error).message);
      throw new StoreWriteError(`organization ${this.tenantId}`, cause);
    }
    try {
      // What the change function or the store's checks refuse is thrown as it is; anything else
      // that stops the transaction is the database's (nothing committed): a StoreWriteError.
      let refusedByChange = false;
      let done: { result: T; next: OrganizationFile; changed: UserRecord[]; seq: number };
      try {
        done = await inTransaction(client, async () => {
          const { rows } = await client.query<{ version: string }>(
            'SELECT version FROM organizations WHERE tenant_id = $1 FOR UPDATE',
            [this.tenantId],
          );
          if (Number(rows[0]?.version) !== this.version) await this.reload(client);
          const context = { now: new Date().toISOString() };
          const base = this.persisted;
          let outcome: ChangeOutcome<T>;
          let sealed: ReturnType<typeof sealChange>;
          try {
            outcome = apply(base, context);
            sealed = sealChange(base, outcome.next, outcome.audit, context, this.parts, this.directory);
          } catch (error) {
            refusedByChange = true;
            throw error;
          }
          // The small document (lists emptied) every time: it carries the version's parts; then
          // only the records the change touched, and its audit entries.
          await client.query(
            'UPDATE organizations SET document = $2, version = version + 1, updated_at = now() WHERE tenant_id = $1',
            [this.tenantId, JSON.stringify(withoutRecords(sealed.next, this.parts))],
          );
          for (const [name, value] of Object.entries(sealed.record)) {
            if (name === 'audit' || this.parts.get(name)?.kind !== 'records') continue;
            const list = (sealed.next as unknown as Record<string, { id: string }[]>)[name] ?? [];
            await writeRecords(
              client,
              this.tenantId,
              name,
              (value as { id: string }[]).map((record) => ({ record, ordinal: ordinalOf(list, record.id) })),
            );
          }
          const seq = await insertAudit(client, this.tenantId, sealed.next.audit.slice(base.audit.length));
          return { result: outcome.result, next: sealed.next, changed: sealed.changed, seq };
        });
      } catch (error) {
        if (refusedByChange) throw error;
        this.onWrite((error as Error).message);
        throw new StoreWriteError(`organization ${this.tenantId}`, error);
      }
      this.persisted = done.next;
      this.version += 1;
      this.lastSeq = done.seq || this.lastSeq;
      this.directory.accept(done.changed);
      this.directory.written(this.directory.mark());
      this.onWrite(undefined);
      return done.result;
    } finally {
      client.release();
    }
  }

  /** Reads the document and the audit entries written since the copy was made (on `client`). */
  private async reload(client: Client): Promise<void> {
    const { rows } = await client.query<{ version: string; document: unknown }>(
      'SELECT version, document FROM organizations WHERE tenant_id = $1',
      [this.tenantId],
    );
    const row = rows[0];
    if (!row) return;
    const newer = await client.query<{ seq: string; entry: AuditEntry }>(
      'SELECT seq, entry FROM audit_entries WHERE tenant_id = $1 AND seq > $2 ORDER BY seq',
      [this.tenantId, this.lastSeq],
    );
    const audit = [...this.persisted.audit, ...newer.rows.map((entry) => entry.entry)];
    const records = await readRecords(client, this.tenantId);
    const document = validateDocument(
      `organization ${this.tenantId}`,
      assemble(row.document, records, audit, this.parts),
      this.schema,
    );
    this.persisted = deepFreeze(document);
    this.version = Number(row.version);
    this.lastSeq = Number(newer.rows.at(-1)?.seq ?? this.lastSeq);
    this.directory = new UserDirectory(this.persisted.users);
  }
}

async function loadOrganizationRow(
  client: Client,
  tenantId: string,
  schema: ZodTypeAny,
): Promise<LoadedOrganization | undefined> {
  const { rows } = await client.query<{ version: string; document: unknown }>(
    'SELECT version, document FROM organizations WHERE tenant_id = $1',
    [tenantId],
  );
  const row = rows[0];
  if (!row) return undefined;
  const audit = await client.query<{ seq: string; entry: AuditEntry }>(
    'SELECT seq, entry FROM audit_entries WHERE tenant_id = $1 ORDER BY seq',
    [tenantId],
  );
  const records = await readRecords(client, tenantId);
  const document = validateDocument(
    `organization ${tenantId}`,
    assemble(
      row.document,
      records,
      audit.rows.map((entry) => entry.entry),
      documentParts(schema),
    ),
    schema,
  );
  return { document, version: Number(row.version), lastSeq: Number(audit.rows.at(-1)?.seq ?? 0) };
}

/** The parts of the document kept as rows of their own (lists of records with ids), audit aside. */
function recordParts(parts: DocumentParts): string[] {
  return [...parts.values()]
    .filter((part) => part.kind === 'records' && part.name !== 'audit')
    .map((part) => part.name);
}

/**
 * The document as its row holds it: every list of records (users, audit…) emptied, in its place,
 * so the keys keep their order and the document is put back together exactly.
 */
function withoutRecords(document: OrganizationFile, parts: DocumentParts): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(document)) row[name] = parts.get(name)?.kind === 'records' ? [] : value;
  return row;
}

/** The document from its row, its records (by part, in order) and its audit log. */
function assemble(
  row: unknown,
  records: ReadonlyMap<string, unknown[]>,
  audit: readonly AuditEntry[],
  parts: DocumentParts,
): unknown {
  const document: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(row as Record<string, unknown>)) {
    if (name === 'audit') document[name] = audit;
    else document[name] = parts.get(name)?.kind === 'records' ? (records.get(name) ?? []) : value;
  }
  return document;
}

async function readRecords(client: Client, tenantId: string): Promise<Map<string, unknown[]>> {
  const { rows } = await client.query<{ part: string; record: unknown }>(
    'SELECT part, record FROM organization_records WHERE tenant_id = $1 ORDER BY part, ordinal',
    [tenantId],
  );
  const records = new Map<string, unknown[]>();
  for (const row of rows) {
    const list = records.get(row.part) ?? [];
    list.push(row.record);
    records.set(row.part, list);
  }
  return records;
}

/** Inserts or replaces records of one part (a replaced record keeps its place). */
async function writeRecords(
  client: Client,
  tenantId: string,
  part: string,
  records: readonly { record: unknown; ordinal: number }[],
): Promise<void> {
  if (records.length === 0) return;
  await client.query(
    `INSERT INTO organization_records (tenant_id, part, record_id, ordinal, record)
     SELECT $1, $2, record_id, ordinal, record FROM unnest($3::text[], $4::integer[], $5::json[]) AS r (record_id, ordinal, record)
     ON CONFLICT (tenant_id, part, record_id) DO UPDATE SET record = EXCLUDED.record`,
    [
      tenantId,
      part,
      records.map(({ record }) => String((record as { id: unknown }).id)),
      records.map(({ ordinal }) => ordinal),
      records.map(({ record }) => JSON.stringify(record)),
    ],
  );
}

/** A record's place in its list: changed records are most often the newest, so from the end. */
function ordinalOf(list: readonly { id: string }[], id: string): number {
  for (let index = list.length - 1; index >= 0; index -= 1) if (list[index]!.id === id) return index;
  return list.length;
}

/** Inserts audit entries in order; answers the last row's sequence number (0 for none). */
async function insertAudit(client: Client, tenantId: string, entries: readonly AuditEntry[]): Promise<number> {
  let last = 0;
  for (const entry of entries) {
    const checked = AuditEntrySchema.parse(entry);
    const { rows } = await client.query<{ seq: string }>(
      'INSERT INTO audit_entries (tenant_id, entry_id, entry) VALUES ($1, $2, $3) RETURNING seq',
      [tenantId, checked.id, JSON.stringify(checked)],
    );
    last = Number(rows[0]!.seq);
  }
  return last;
}

function validateDocument(where: string, raw: unknown, schema: ZodTypeAny): OrganizationFile {
  const version = (raw as { formatVersion?: unknown } | null)?.formatVersion;
  if (typeof version === 'number' && version > STORE_FORMAT_VERSION)
    throw new StoreValidationError(
      where,
      'formatVersion',
      `was written by a newer version of the bot (format ${version})`,
    );
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data as OrganizationFile;
  const issue = parsed.error.issues[0]!;
  throw new StoreValidationError(where, issue.path.join('.') || '(root)', issue.message);
}
