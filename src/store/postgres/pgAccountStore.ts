import type { ZodTypeAny } from 'zod';
import { migrateToCurrentFormat } from '../formatMigrations.js';
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
import { letGoBeyondBound, OPEN_USERS_BOUND } from '../openBound.js';
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
import type { ChangeFeed } from './changeFeed.js';
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

export class PgAccountStore implements AccountStore {
  /** Least recently used first. */
  private readonly stores = new Map<string, PgTenantStore>();
  private lastWriteError: string | undefined;

  private constructor(
    private readonly pool: Pool,
    private readonly schema: ZodTypeAny,
    private readonly cachedUsers: number,
    private readonly feed: ChangeFeed | undefined,
  ) {}

  /**
   * With a change feed (on the pool's instance name), a copy is checked against the database only
   * when another instance wrote to it; without one, at every turn.
   */
  static open(
    pool: Pool,
    options: { schema?: ZodTypeAny; cachedUsers?: number; feed?: ChangeFeed } = {},
  ): PgAccountStore {
    return new PgAccountStore(
      pool,
      options.schema ?? OrganizationFileSchema,
      options.cachedUsers ?? OPEN_USERS_BOUND,
      options.feed,
    );
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
    // Taken before reading: a write announced while the database is read is news for the next turn.
    const generation = this.feed?.listening ? this.feed.generation : undefined;
    const changed = this.feed?.takeChanged(key) ?? true;
    if (known) {
      this.stores.delete(key);
      this.stores.set(key, known);
      if (generation !== undefined && known.checkedIn === generation && !changed) return known;
      known.checkedIn = generation;
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
      store.checkedIn = generation;
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

  /**
   * Lets the least recently used copies go past the bound (a turn still holding one goes on
   * safely: every change locks and checks the database).
   */
  private release(): void {
    letGoBeyondBound(this.stores, this.cachedUsers);
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

/** A change waiting for the next write of its organization. */
interface PendingChange {
  apply: (current: OrganizationFile, context: ChangeContext) => ChangeOutcome<unknown>;
  resolve: (result: unknown) => void;
  reject: (error: unknown) => void;
}

/** At most this many waiting changes go into one transaction. */
const CHANGES_PER_TRANSACTION = 200;

class PgTenantStore implements TenantStore {
  /** The change feed's generation this copy was last checked in (undefined: check at the next turn). */
  checkedIn: number | undefined;
  private persisted: OrganizationFile;
  private version: number;
  private lastSeq: number;
  private directory: UserDirectory;
  private readonly parts: DocumentParts;
  /**
   * Refreshes and writes of this organization from this instance, one at a time (the row lock
   * orders them with other instances'): a refresh must not swap the copy under a write.
   */
  private queue: Promise<unknown> = Promise.resolve();
  /** Changes asked for and not yet in a transaction; the next write takes them all. */
  private pending: PendingChange[] = [];
  private writeQueued = false;

  constructor(
    private readonly pool: Pool,
    readonly tenantId: string,
    loaded: LoadedOrganization,
    schema: ZodTypeAny,
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

  /** Brings the copy up to date with what other instances wrote. */
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

  /**
   * Changes that arrive while a write is in progress wait for the next one and are written
   * together: one transaction, one commit flush, each change applied in turn to the document the
   * previous one left (as if written one by one). Each is acknowledged once that commit is done.
   */
  change<T>(apply: (current: OrganizationFile, context: ChangeContext) => ChangeOutcome<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ apply, resolve: resolve as (result: unknown) => void, reject });
      if (this.writeQueued) return;
      this.writeQueued = true;
      this.queue = this.queue.then(() => this.writePending()).catch(() => undefined);
    });
  }

  recordRefusal(entry: Omit<AuditDraft, 'outcome'> & { reason: string }): Promise<void> {
    return this.change((current) => ({ next: current, result: undefined, audit: [{ ...entry, outcome: 'refused' }] }));
  }

  async idle(): Promise<void> {
    while (this.writeQueued) await this.queue;
    await this.queue;
  }

  private async writePending(): Promise<void> {
    const batch = this.pending.splice(0, CHANGES_PER_TRANSACTION);
    if (this.pending.length === 0) this.writeQueued = false;
    else this.queue = this.queue.then(() => this.writePending()).catch(() => undefined);
    if (batch.length === 0) return;
    let client: Client;
    try {
      client = await this.pool.connect();
    } catch (cause) {
      this.onWrite((cause as Error).message);
      for (const change of batch) change.reject(new StoreWriteError(`organization ${this.tenantId}`, cause));
      return;
    }
    try {
      await this.writeBatch(client, batch);
    } finally {
      client.release();
    }
  }

  private async writeBatch(client: Client, batch: readonly PendingChange[]): Promise<void> {
    // What a change function or the store's checks refuse is that change's answer, and the others
    // go on without it; anything that stops the transaction is the database's (nothing committed):
    // a StoreWriteError for every change of the batch.
    const answers: { change: PendingChange; result?: unknown; refusal?: unknown }[] = [];
    let written: { next: OrganizationFile; seq: number; mark: ReturnType<UserDirectory['mark']> } | undefined;
    try {
      written = await inTransaction(client, async () => {
        const { rows } = await client.query<{ version: string }>(
          'SELECT version FROM organizations WHERE tenant_id = $1 FOR UPDATE',
          [this.tenantId],
        );
        if (Number(rows[0]?.version) !== this.version) await this.reload(client);
        const base = this.persisted;
        let current = base;
        for (const change of batch) {
          const context = { now: new Date().toISOString() };
          try {
            const outcome = change.apply(current, context);
            const sealed = sealChange(current, outcome.next, outcome.audit, context, this.parts, this.directory);
            this.directory.accept(sealed.changed);
            current = sealed.next;
            answers.push({ change, result: outcome.result });
          } catch (refusal) {
            answers.push({ change, refusal });
          }
        }
        if (current === base) return undefined;
        const mark = this.directory.mark();
        const seq = await this.writeDocument(client, base, current);
        return { next: current, seq, mark };
      });
    } catch (error) {
      this.directory.undoUnwritten();
      this.onWrite((error as Error).message);
      for (const change of batch) change.reject(new StoreWriteError(`organization ${this.tenantId}`, error));
      return;
    }
    if (written) {
      this.persisted = written.next;
      this.version += 1;
      this.lastSeq = written.seq || this.lastSeq;
      this.directory.written(written.mark);
      this.onWrite(undefined);
    }
    for (const answer of answers) {
      if ('refusal' in answer) answer.change.reject(answer.refusal);
      else answer.change.resolve(answer.result);
    }
  }

  /**
   * Writes what changed from `base` to `next` in one statement: the small document (lists
   * emptied, it carries the parts that are not records) and its version, the records added or
   * replaced (each where it stands in its list), and the new audit entries in order. Answers the
   * last audit row's sequence number.
   */
  private async writeDocument(client: Client, base: OrganizationFile, next: OrganizationFile): Promise<number> {
    const rows = { part: [] as string[], id: [] as string[], ordinal: [] as number[], record: [] as string[] };
    for (const name of recordParts(this.parts)) {
      const before = (base as unknown as Record<string, readonly { id: string }[] | undefined>)[name] ?? [];
      const after = (next as unknown as Record<string, readonly { id: string }[] | undefined>)[name] ?? [];
      if (before === after) continue;
      // Records keep their place and are never deleted (sealChange): compare by position.
      for (let ordinal = 0; ordinal < after.length; ordinal += 1) {
        const record = after[ordinal]!;
        if (record === before[ordinal]) continue;
        rows.part.push(name);
        rows.id.push(String(record.id));
        rows.ordinal.push(ordinal);
        rows.record.push(JSON.stringify(record));
      }
    }
    const audit = next.audit.slice(base.audit.length);
    const { rows: inserted } = await client.query<{ seq: string }>(
      `WITH document AS (
         UPDATE organizations SET document = $2, version = version + 1, updated_at = now() WHERE tenant_id = $1
       ), records AS (
         INSERT INTO organization_records (tenant_id, part, record_id, ordinal, record, version)
         SELECT $1, part, record_id, ordinal, record, $9
           FROM unnest($3::text[], $4::text[], $5::integer[], $6::json[]) AS r (part, record_id, ordinal, record)
         ON CONFLICT (tenant_id, part, record_id)
           DO UPDATE SET record = EXCLUDED.record, ordinal = EXCLUDED.ordinal, version = EXCLUDED.version
       )
       INSERT INTO audit_entries (tenant_id, entry_id, entry)
       SELECT $1, entry_id, entry FROM unnest($7::text[], $8::json[]) WITH ORDINALITY AS a (entry_id, entry, n)
       ORDER BY n
       RETURNING seq`,
      [
        this.tenantId,
        JSON.stringify(withoutRecords(next, this.parts)),
        rows.part,
        rows.id,
        rows.ordinal,
        rows.record,
        audit.map((entry) => entry.id),
        audit.map((entry) => JSON.stringify(entry)),
        this.version + 1,
      ],
    );
    return inserted.reduce((last, row) => Math.max(last, Number(row.seq)), 0);
  }

  /**
   * Brings the copy up to what other instances wrote (on `client`): the small document, the
   * records written since the copy's version (each checked against its part's schema, and users
   * against the others' identities) and the audit entries after its last one. The rest of the copy
   * is kept as it is: a 10,000-user organization is not read again for one changed user.
   */
  private async reload(client: Client): Promise<void> {
    const { rows } = await client.query<{ version: string; document: unknown }>(
      'SELECT version, document FROM organizations WHERE tenant_id = $1',
      [this.tenantId],
    );
    const row = rows[0];
    if (!row) return;
    const written = await client.query<{ part: string; ordinal: number; record: { id: string } }>(
      'SELECT part, ordinal, record FROM organization_records WHERE tenant_id = $1 AND version > $2 ORDER BY part, ordinal',
      [this.tenantId, this.version],
    );
    const newer = await client.query<{ seq: string; entry: AuditEntry }>(
      'SELECT seq, entry FROM audit_entries WHERE tenant_id = $1 AND seq > $2 ORDER BY seq',
      [this.tenantId, this.lastSeq],
    );
    const where = `organization ${this.tenantId}`;
    const base = this.persisted as unknown as Record<string, readonly unknown[] | undefined>;
    const lists = new Map<string, unknown[]>();
    const changedUsers: UserRecord[] = [];
    for (const { part, ordinal, record } of written.rows) {
      const schema = this.parts.get(part);
      if (schema?.kind !== 'records') throw new StoreValidationError(where, part, 'is not a list of records');
      const checked = schema.schema.safeParse(record);
      if (!checked.success)
        throw new StoreValidationError(
          where,
          `${part}[${ordinal}] (id ${record.id})`,
          checked.error.issues[0]!.message,
        );
      let list = lists.get(part);
      if (!list) lists.set(part, (list = [...(base[part] ?? [])]));
      if (ordinal > list.length)
        throw new StoreValidationError(where, `${part}[${ordinal}]`, 'leaves a gap in its list');
      list[ordinal] = deepFreeze(checked.data);
      if (part === 'users') changedUsers.push(checked.data as UserRecord);
    }
    const audit = newer.rows.map((entry) => entry.entry);
    for (const entry of audit) {
      const checked = AuditEntrySchema.safeParse(entry);
      if (!checked.success)
        throw new StoreValidationError(where, `audit (id ${entry.id})`, checked.error.issues[0]!.message);
    }
    const document: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(row.document as Record<string, unknown>)) {
      if (name === 'audit') document[name] = Object.freeze([...this.persisted.audit, ...deepFreeze(audit)]);
      else if (this.parts.get(name)?.kind === 'records')
        document[name] = Object.freeze(lists.get(name) ?? base[name] ?? []);
      else {
        const checked = this.parts.get(name)?.schema.safeParse(value);
        if (checked && !checked.success) throw new StoreValidationError(where, name, checked.error.issues[0]!.message);
        document[name] = deepFreeze(value);
      }
    }
    this.directory.check(changedUsers, new Set(changedUsers.filter((user) => !this.directory.byId(user.id))));
    this.directory.accept(changedUsers);
    this.directory.written(this.directory.mark());
    this.persisted = Object.freeze(document) as unknown as OrganizationFile;
    this.version = Number(row.version);
    this.lastSeq = Number(newer.rows.at(-1)?.seq ?? this.lastSeq);
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

/** Inserts audit entries (already checked) in order; answers the last row's sequence number (0 for none). */
async function insertAudit(client: Client, tenantId: string, entries: readonly AuditEntry[]): Promise<number> {
  if (entries.length === 0) return 0;
  const { rows } = await client.query<{ seq: string }>(
    `INSERT INTO audit_entries (tenant_id, entry_id, entry)
     SELECT $1, entry_id, entry FROM unnest($2::text[], $3::json[]) WITH ORDINALITY AS a (entry_id, entry, n)
     ORDER BY n
     RETURNING seq`,
    [tenantId, entries.map((entry) => entry.id), entries.map((entry) => JSON.stringify(entry))],
  );
  return rows.reduce((last, row) => Math.max(last, Number(row.seq)), 0);
}

function validateDocument(where: string, raw: unknown, schema: ZodTypeAny): OrganizationFile {
  const version = (raw as { formatVersion?: unknown } | null)?.formatVersion;
  if (typeof version === 'number' && version > STORE_FORMAT_VERSION)
    throw new StoreValidationError(
      where,
      'formatVersion',
      `was written by a newer version of the bot (format ${version})`,
    );
  const parsed = schema.safeParse(migrateToCurrentFormat(raw));
  if (parsed.success) return parsed.data as OrganizationFile;
  const issue = parsed.error.issues[0]!;
  throw new StoreValidationError(where, issue.path.join('.') || '(root)', issue.message);
}
