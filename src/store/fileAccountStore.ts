import { access, constants, mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { ZodIssue, ZodTypeAny } from 'zod';
import { DurableJsonFile } from './durableJsonFile.js';
import { OrganizationFileStore } from './organizationFileStore.js';
import { letGoBeyondBound, OPEN_USERS_BOUND } from './openBound.js';
import { journalFileOf, readJournal, replayJournal } from './organizationJournal.js';
import { migrateToCurrentFormat } from './formatMigrations.js';
import { GUID_PATTERN, OrganizationFileSchema, STORE_FORMAT_VERSION, type OrganizationFile } from './schema.js';
import {
  OrganizationExistsError,
  StoreValidationError,
  StoreWriteError,
  type AccountStore,
  type StoreHealth,
  type TenantStore,
} from './accountStore.js';

const ORGANIZATIONS_FOLDER = 'organizations';

/**
 * The account store on disk: one lowdb JSON file per partner organization, named by its Entra
 * tenant id, under DATA_DIR/organizations. One file per tenant keeps tenants apart on disk as well
 * as in code, and a change touches only its own organization's files: the lowdb file and, beside
 * it, its journal (`<tenant>.journal`, see organizationJournal.ts).
 *
 * An organization is read and validated when it is first needed, not at start-up: start-up time
 * does not grow with the number of organizations. A file that cannot be trusted (not JSON, a
 * format this version does not know, a record that fails its schema, named after another tenant)
 * is refused with an error naming the file and the record, is never written, and is reported by
 * /healthz; the other organizations are not affected. `npm run store:check` reads them all.
 */
export class FileAccountStore implements AccountStore {
  /** Open organizations, least recently used first. */
  private readonly stores = new Map<string, OrganizationFileStore>();
  /** Every organization on disk (open or not). */
  private readonly onDisk = new Set<string>();
  /** Organizations being read from disk: a second turn waits for the same read. */
  private readonly opening = new Map<string, Promise<OrganizationFileStore>>();
  /** Organizations let go whose last writes are still being flushed: reopened only after. */
  private readonly retiring = new Map<string, Promise<void>>();
  /** Why the last attempt to create an organization's file failed (disk full, read-only), for /healthz. */
  private creationError: string | undefined;
  /** Why an organization's file could not be opened (damaged, hand-edited), by tenant, for /healthz. */
  private readonly openErrors = new Map<string, string>();

  private constructor(
    private readonly folder: string,
    /** The organization document's schema: OrganizationFileSchema, unless a test adds a part to it. */
    private readonly schema: ZodTypeAny,
    private readonly cachedUsers: number,
  ) {}

  /**
   * Opens the store: lists the organizations' files and reads none of them. A `.json` file whose
   * name is not a tenant id stops start-up (it would never be read). Each organization is
   * validated when first needed (`current`).
   */
  static async open(
    dataDir: string,
    options: { schema?: ZodTypeAny; cachedUsers?: number } = {},
  ): Promise<FileAccountStore> {
    const folder = path.join(dataDir, ORGANIZATIONS_FOLDER);
    await mkdir(folder, { recursive: true });
    const schema = options.schema ?? OrganizationFileSchema;
    const store = new FileAccountStore(folder, schema, options.cachedUsers ?? OPEN_USERS_BOUND);
    const names = (await readdir(folder)).filter((name) => name.endsWith('.json') && !name.startsWith('.')).sort();
    for (const name of names) {
      const tenantId = name.slice(0, -'.json'.length);
      if (!GUID_PATTERN.test(tenantId) || tenantId !== tenantId.toLowerCase())
        throw new StoreValidationError(
          path.join(folder, name),
          'file name',
          'is not an organization (expected <tenant id>.json, in lowercase)',
        );
      store.onDisk.add(tenantId);
    }
    return store;
  }

  /** The organization if it is open now (`current` opens it). */
  organization(tenantId: string): TenantStore | undefined {
    const key = tenantId.toLowerCase();
    // Only a well-formed tenant id can name a store: no path tricks, no accidental lookups.
    if (!GUID_PATTERN.test(key)) return undefined;
    return this.stores.get(key);
  }

  /** The tenants that have an organization here. */
  async tenantIds(): Promise<string[]> {
    return [...this.onDisk].sort();
  }

  /**
   * The organization, read from disk if it is not open. One process owns the data directory:
   * what is open is current.
   */
  async current(tenantId: string): Promise<TenantStore | undefined> {
    const key = tenantId.toLowerCase();
    if (!GUID_PATTERN.test(key)) return undefined;
    const open = this.stores.get(key);
    if (open) {
      this.stores.delete(key);
      this.stores.set(key, open);
      return open;
    }
    if (!this.onDisk.has(key)) return undefined;
    let opening = this.opening.get(key);
    if (!opening) {
      opening = this.openFromDisk(key).finally(() => this.opening.delete(key));
      this.opening.set(key, opening);
    }
    return opening;
  }

  async createOrganization(document: OrganizationFile): Promise<TenantStore> {
    const tenantId = document.organization.tenantId;
    const file = path.join(this.folder, `${tenantId}.json`);
    const valid = validateOrganizationFile(file, document, this.schema);
    if (this.onDisk.has(tenantId) || this.stores.has(tenantId)) throw new OrganizationExistsError(tenantId);
    let store: OrganizationFileStore;
    try {
      store = await OrganizationFileStore.open(file, valid, { create: true, schema: this.schema });
    } catch (cause) {
      this.creationError = (cause as Error)?.message ?? String(cause);
      throw new StoreWriteError(file, cause);
    }
    this.creationError = undefined;
    this.onDisk.add(tenantId);
    this.stores.set(tenantId, store);
    this.release();
    return store;
  }

  /** Organizations open now (for tests and the bench). */
  get cached(): number {
    return this.stores.size;
  }

  health(): StoreHealth {
    const failing =
      this.creationError ??
      this.openErrors.values().next().value ??
      [...this.stores.values()].find((store) => store.writeError !== undefined)?.writeError;
    return failing !== undefined
      ? { ok: false, organizations: this.onDisk.size, lastWriteError: failing }
      : { ok: true, organizations: this.onDisk.size };
  }

  /** Whether the data folder can still be read and written (for /healthz). */
  async checkStorage(): Promise<boolean> {
    try {
      await access(this.folder, constants.R_OK | constants.W_OK);
      return true;
    } catch {
      return false;
    }
  }

  async flush(): Promise<void> {
    await Promise.all([...this.stores.values()].map((store) => store.flush()));
    await Promise.all(this.retiring.values());
  }

  private async openFromDisk(tenantId: string): Promise<OrganizationFileStore> {
    // A copy let go moments ago may still be writing: its last changes must be on disk first.
    await this.retiring.get(tenantId);
    const file = path.join(this.folder, `${tenantId}.json`);
    let store: OrganizationFileStore;
    try {
      const { document, journalBytes, fileBytes } = await loadOrganization(file, this.schema);
      if (document.organization.tenantId !== tenantId)
        throw new StoreValidationError(
          file,
          'organization.tenantId',
          `does not match the file name (expected ${document.organization.tenantId}.json)`,
        );
      store = await OrganizationFileStore.open(file, document, {
        create: false,
        journalBytes,
        fileBytes,
        schema: this.schema,
      });
    } catch (error) {
      this.openErrors.set(tenantId, (error as Error)?.message ?? String(error));
      throw error;
    }
    this.openErrors.delete(tenantId);
    this.stores.set(tenantId, store);
    this.release();
    return store;
  }

  /** Lets the least recently used organizations go while more users than the bound are open. */
  private release(): void {
    for (const [tenantId, store] of letGoBeyondBound(this.stores, this.cachedUsers)) {
      const retiring = store
        .retire(() => this.current(tenantId))
        .finally(() => {
          if (this.retiring.get(tenantId) === retiring) this.retiring.delete(tenantId);
        });
      this.retiring.set(tenantId, retiring);
    }
  }
}

/**
 * An organization as stored: its lowdb file with its journal replayed, validated as one document.
 * (Also what tests use to see what is on disk.)
 */
export async function loadOrganization(
  file: string,
  schema: ZodTypeAny = OrganizationFileSchema,
): Promise<{ document: OrganizationFile; journalBytes: number; fileBytes: number }> {
  const lowdbFile = new DurableJsonFile<unknown>(file);
  const raw = await lowdbFile.read();
  const journal = await readJournal(journalFileOf(file), schema);
  const document = validateOrganizationFile(file, replayJournal(raw, journal.records, schema), schema);
  return { document, journalBytes: journal.validBytes, fileBytes: lowdbFile.bytes };
}

function validateOrganizationFile(file: string, raw: unknown, schema: ZodTypeAny): OrganizationFile {
  const version = (raw as { formatVersion?: unknown } | null)?.formatVersion;
  if (typeof version === 'number' && version > STORE_FORMAT_VERSION) {
    throw new StoreValidationError(
      file,
      'formatVersion',
      `was written by a newer version of the bot (format ${version}, this one reads ${STORE_FORMAT_VERSION})`,
    );
  }
  const parsed = schema.safeParse(migrateToCurrentFormat(raw));
  if (parsed.success) return parsed.data as OrganizationFile;
  const issue = parsed.error.issues[0] as ZodIssue;
  throw new StoreValidationError(
    file,
    describeRecord(raw, issue.path),
    `${issue.path.join('.') || '(root)'}: ${issue.message}`,
  );
}

/** "users[3] (id u-7, email adele@contoso.com)": enough for an operator to find the bad record. */
function describeRecord(raw: unknown, issuePath: (string | number)[]): string {
  const [collection, index] = issuePath;
  if (typeof collection === 'string' && typeof index === 'number') {
    const record = (raw as Record<string, unknown[]>)[collection]?.[index] as Record<string, unknown> | undefined;
    const id = typeof record?.id === 'string' ? ` (id ${record.id})` : '';
    return `record ${collection}[${index}]${id}`;
  }
  if (typeof collection === 'string') return `record ${collection}`;
  return 'document';
}
