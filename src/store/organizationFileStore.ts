import { randomUUID } from 'node:crypto';
import { Low } from 'lowdb';
import type { ZodError } from 'zod';
import {
  AuditEntrySchema,
  OrganizationSchema,
  UserSchema,
  type AuditEntry,
  type OrganizationFile,
  type UserRecord,
} from './schema.js';
import { deepFreeze } from './freeze.js';
import { DurableJsonFile } from './durableJsonFile.js';
import {
  StoreWriteError,
  type AuditDraft,
  type ChangeContext,
  type ChangeOutcome,
  type TenantStore,
} from './accountStore.js';

interface Waiter {
  resolve: () => void;
  reject: (error: Error) => void;
}

interface Indexes {
  byId: Map<string, UserRecord>;
  byObjectId: Map<string, UserRecord>;
  byEmail: Map<string, UserRecord>;
}

/** A change built a record that does not match its schema: a programming error, never saved. */
export class InvalidChangeError extends Error {
  constructor(what: string, error: ZodError) {
    super(`Refusing to save an invalid ${what}: ${error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('; ')}`);
    this.name = 'InvalidChangeError';
  }
}

/**
 * One organization's lowdb file. Changes are applied one after another in memory (JavaScript runs
 * them one at a time, and `apply` is synchronous), then written by group commit: the changes that
 * arrive while a write is under way go to disk together in the next write. Each caller's promise
 * resolves only when a write that contains its change has finished. If a write fails, the memory
 * goes back to what is on disk and every change not yet written is rejected, so what the bot
 * reports always matches the file.
 */
export class OrganizationFileStore implements TenantStore {
  private persisted: OrganizationFile;
  private current: OrganizationFile;
  private waiting: Waiter[] = [];
  private writing: Promise<void> | undefined;
  private indexes: { of: OrganizationFile; value: Indexes } | undefined;
  private lastWriteError: string | undefined;

  private constructor(private readonly db: Low<OrganizationFile>, readonly file: string, initial: OrganizationFile) {
    this.persisted = this.current = deepFreeze(initial);
  }

  /** Opens a validated document. `create` writes it first (for a new organization). */
  static async open(file: string, document: OrganizationFile, options: { create: boolean }): Promise<OrganizationFileStore> {
    const db = new Low<OrganizationFile>(new DurableJsonFile<OrganizationFile>(file), document);
    if (options.create) await db.write();
    return new OrganizationFileStore(db, file, document);
  }

  get tenantId(): string {
    return this.persisted.organization.tenantId;
  }

  get writeError(): string | undefined {
    return this.lastWriteError;
  }

  read(): OrganizationFile {
    return this.persisted;
  }

  userById(userId: string): UserRecord | undefined {
    return this.index().byId.get(userId);
  }

  userByObjectId(aadObjectId: string): UserRecord | undefined {
    return this.index().byObjectId.get(aadObjectId.toLowerCase());
  }

  userByEmail(email: string): UserRecord | undefined {
    return this.index().byEmail.get(email.trim().toLowerCase());
  }

  change<T>(apply: (current: OrganizationFile, context: ChangeContext) => ChangeOutcome<T>): Promise<T> {
    let outcome: ChangeOutcome<T>;
    let next: OrganizationFile;
    try {
      const context = { now: new Date().toISOString() };
      outcome = apply(this.current, context);
      next = this.seal(this.current, outcome.next, outcome.audit, context);
    } catch (error) {
      return Promise.reject(error);
    }
    this.current = next;
    return this.enqueueWrite().then(() => outcome.result);
  }

  recordRefusal(entry: Omit<AuditDraft, 'outcome'> & { reason: string }): Promise<void> {
    return this.change((current) => ({ next: current, result: undefined, audit: [{ ...entry, outcome: 'refused' }] }));
  }

  /** Resolves when nothing is waiting to be written. */
  async flush(): Promise<void> {
    while (this.writing) await this.writing.catch(() => undefined);
  }

  /**
   * Checks what a change built and stamps it: every new or replaced user record is validated,
   * audit entries get ids and times, and the revision moves on when something was applied.
   */
  private seal(base: OrganizationFile, next: OrganizationFile, audit: AuditDraft[], context: ChangeContext): OrganizationFile {
    if (audit.length === 0) throw new Error('Every change must be audited');
    if (next.organization.tenantId !== base.organization.tenantId) throw new Error('A change cannot move an organization to another tenant');
    const previous = new Set(base.users);
    let usersChanged = next.users.length !== base.users.length;
    for (const user of next.users) {
      if (previous.has(user)) continue;
      usersChanged = true;
      const checked = UserSchema.safeParse(user);
      if (!checked.success) throw new InvalidChangeError(`user record ${user.id}`, checked.error);
    }
    if (usersChanged) assertUniqueIdentities(next.users);
    const entries: AuditEntry[] = audit.map((draft) => {
      const entry = { id: randomUUID(), at: context.now, ...draft };
      const checked = AuditEntrySchema.safeParse(entry);
      if (!checked.success) throw new InvalidChangeError('audit entry', checked.error);
      return entry;
    });
    const applied = audit.some((entry) => entry.outcome === 'applied');
    const organization = applied
      ? { ...next.organization, revision: base.organization.revision + 1, updatedAt: context.now }
      : next.organization;
    if (organization !== base.organization) {
      const checked = OrganizationSchema.safeParse(organization);
      if (!checked.success) throw new InvalidChangeError('organization', checked.error);
    }
    return deepFreeze({ ...next, organization, audit: [...next.audit, ...entries] });
  }

  private enqueueWrite(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      if (!this.writing) this.writing = this.writeLoop().finally(() => (this.writing = undefined));
    });
  }

  private async writeLoop(): Promise<void> {
    while (this.waiting.length > 0) {
      const batch = this.waiting;
      this.waiting = [];
      const snapshot = this.current;
      try {
        this.db.data = snapshot;
        await this.db.write();
        this.persisted = snapshot;
        this.lastWriteError = undefined;
        for (const waiter of batch) waiter.resolve();
      } catch (cause) {
        // Undo everything not on disk, including changes queued behind this write: they were
        // built on top of the lost one.
        this.current = this.persisted;
        this.db.data = this.persisted;
        this.lastWriteError = (cause as Error)?.message ?? String(cause);
        const failed = [...batch, ...this.waiting];
        this.waiting = [];
        const error = new StoreWriteError(this.file, cause);
        for (const waiter of failed) waiter.reject(error);
      }
    }
  }

  private index(): Indexes {
    const document = this.persisted;
    if (this.indexes?.of === document) return this.indexes.value;
    const value: Indexes = { byId: new Map(), byObjectId: new Map(), byEmail: new Map() };
    for (const user of document.users) {
      value.byId.set(user.id, user);
      if (user.status === 'removed') continue;
      if (user.email) value.byEmail.set(user.email, user);
      if (user.aadObjectId) value.byObjectId.set(user.aadObjectId, user);
    }
    this.indexes = { of: document, value };
    return value;
  }
}

/** Ids, work emails and Entra object ids stay unique among the users who are not removed. */
function assertUniqueIdentities(users: readonly UserRecord[]): void {
  const seen = new Set<string>();
  for (const user of users) {
    const keys = [`id:${user.id}`];
    if (user.status !== 'removed') {
      if (user.email) keys.push(`email:${user.email}`);
      if (user.aadObjectId) keys.push(`oid:${user.aadObjectId}`);
    }
    for (const key of keys) {
      if (seen.has(key)) throw new DuplicateIdentityError(key.slice(0, key.indexOf(':')));
      seen.add(key);
    }
  }
}

/** A change would give two users the same id, work email or Entra object id. */
export class DuplicateIdentityError extends Error {
  constructor(readonly field: string) {
    super(`Another user already has this ${field}`);
    this.name = 'DuplicateIdentityError';
  }
}
