import type { AuditEntry, OrganizationFile, UserRecord } from './schema.js';

/**
 * The interface dialogs and the bot use to read and change partner accounts. Every call is scoped
 * to one tenant: there is no call that returns another tenant's data. A shared database can replace
 * the lowdb files behind it without touching the dialogs.
 */
export interface AccountStore {
  /**
   * The store of one organization as last read by this instance, or undefined when that tenant
   * has none, or it is not open here now (organizations are opened when first needed and let go
   * under a memory bound: use `current`).
   */
  organization(tenantId: string): TenantStore | undefined;
  /**
   * The store of one organization with what every instance has written so far, opened if needed:
   * a turn starts here, then reads it synchronously.
   */
  current(tenantId: string): Promise<TenantStore | undefined>;
  /** The tenants that have an organization, without opening any. */
  tenantIds(): Promise<string[]>;
  /** Creates an organization from a complete, valid document (demo seed, bootstrap). */
  createOrganization(file: OrganizationFile): Promise<TenantStore>;
  health(): StoreHealth;
  /** Whether the store can still be read and written now (its folder, its database), for /healthz. */
  checkStorage(): Promise<boolean>;
  /** Resolves once every accepted change is on disk (graceful shutdown). */
  flush(): Promise<void>;
}

export interface StoreHealth {
  ok: boolean;
  organizations: number;
  /** Why the last write failed, while no later write has succeeded. */
  lastWriteError?: string;
}

/** An audit entry before the store gives it an id and a time. */
export type AuditDraft = Omit<AuditEntry, 'id' | 'at'>;

export interface ChangeOutcome<T> {
  /** The whole next document, built without mutating the current one (it is frozen). */
  next: OrganizationFile;
  result: T;
  /** At least one entry: every change is audited. */
  audit: AuditDraft[];
}

export interface ChangeContext {
  /** One timestamp for the whole change, so records and audit entries agree. */
  now: string;
}

export interface TenantStore {
  readonly tenantId: string;
  /** What is on disk now (frozen). */
  read(): OrganizationFile;
  userById(userId: string): UserRecord | undefined;
  userByObjectId(aadObjectId: string): UserRecord | undefined;
  /** A user who is not removed, by work email (case-insensitive). */
  userByEmail(email: string): UserRecord | undefined;
  /**
   * Applies a change. `apply` runs against the latest state, after every change accepted before
   * it (so permissions are checked at the moment of the change), and may throw to refuse: then
   * nothing changes. The promise resolves once the change is on disk, and rejects with
   * StoreWriteError (and nothing changed) when it could not be saved.
   */
  change<T>(apply: (current: OrganizationFile, context: ChangeContext) => ChangeOutcome<T>): Promise<T>;
  /** Records a refused attempt in the audit log (a security trail; the data itself is unchanged). */
  recordRefusal(entry: Omit<AuditDraft, 'outcome'> & { reason: string }): Promise<void>;
}

/** The tenant already has an organization (created meanwhile by another instance, say). */
export class OrganizationExistsError extends Error {
  constructor(readonly tenantId: string) {
    super(`An organization already exists for tenant ${tenantId}`);
    this.name = 'OrganizationExistsError';
  }
}

/** A change was accepted but could not be written: it has been undone in memory too. */
export class StoreWriteError extends Error {
  constructor(
    readonly file: string,
    cause: unknown,
  ) {
    super(`Could not save ${file}: ${(cause as Error)?.message ?? String(cause)}`);
    this.name = 'StoreWriteError';
  }
}

/** A stored file does not match its schema: start-up stops and names the file and the record. */
export class StoreValidationError extends Error {
  constructor(
    readonly file: string,
    readonly record: string,
    detail: string,
  ) {
    super(`${file}: ${record}: ${detail}. The file was left untouched; fix or restore it, then start again.`);
    this.name = 'StoreValidationError';
  }
}
