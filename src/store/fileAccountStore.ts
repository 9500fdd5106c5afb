import { access, constants, mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { ZodIssue, ZodTypeAny } from 'zod';
import { DurableJsonFile } from './durableJsonFile.js';
import { OrganizationFileStore } from './organizationFileStore.js';
import { journalFileOf, readJournal, replayJournal } from './organizationJournal.js';
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
 */
export class FileAccountStore implements AccountStore {
  private readonly stores = new Map<string, OrganizationFileStore>();
  /** Why the last attempt to create an organization's file failed (disk full, read-only), for /healthz. */
  private creationError: string | undefined;

  private constructor(
    private readonly folder: string,
    /** The organization document's schema: OrganizationFileSchema, unless a test adds a part to it. */
    private readonly schema: ZodTypeAny,
  ) {}

  /**
   * Opens the store, validating every file. A file that is not JSON, has a format this version
   * does not know, or holds a record that fails its schema stops start-up with an error naming
   * the file and the record; nothing is written in that case.
   */
  static async open(dataDir: string, options: { schema?: ZodTypeAny } = {}): Promise<FileAccountStore> {
    const folder = path.join(dataDir, ORGANIZATIONS_FOLDER);
    await mkdir(folder, { recursive: true });
    const schema = options.schema ?? OrganizationFileSchema;
    const store = new FileAccountStore(folder, schema);
    const names = (await readdir(folder)).filter((name) => name.endsWith('.json') && !name.startsWith('.')).sort();
    for (const name of names) {
      const file = path.join(folder, name);
      const { document, journalBytes, fileBytes } = await loadOrganization(file, schema);
      const expectedName = `${document.organization.tenantId}.json`;
      if (name !== expectedName) {
        throw new StoreValidationError(
          file,
          'organization.tenantId',
          `does not match the file name (expected ${expectedName})`,
        );
      }
      const options = { create: false, journalBytes, fileBytes, schema };
      store.stores.set(document.organization.tenantId, await OrganizationFileStore.open(file, document, options));
    }
    return store;
  }

  organization(tenantId: string): TenantStore | undefined {
    const key = tenantId.toLowerCase();
    // Only a well-formed tenant id can name a store: no path tricks, no accidental lookups.
    if (!GUID_PATTERN.test(key)) return undefined;
    return this.stores.get(key);
  }

  /** The tenants that have an organization here. */
  async tenantIds(): Promise<string[]> {
    return [...this.stores.keys()].sort();
  }

  /** One process holds every organization in memory: what it has is current. */
  async current(tenantId: string): Promise<TenantStore | undefined> {
    return this.organization(tenantId);
  }

  async createOrganization(document: OrganizationFile): Promise<TenantStore> {
    const tenantId = document.organization.tenantId;
    const file = path.join(this.folder, `${tenantId}.json`);
    const valid = validateOrganizationFile(file, document, this.schema);
    if (this.stores.has(tenantId)) throw new OrganizationExistsError(tenantId);
    let store: OrganizationFileStore;
    try {
      store = await OrganizationFileStore.open(file, valid, { create: true, schema: this.schema });
    } catch (cause) {
      this.creationError = (cause as Error)?.message ?? String(cause);
      throw new StoreWriteError(file, cause);
    }
    this.creationError = undefined;
    this.stores.set(tenantId, store);
    return store;
  }

  health(): StoreHealth {
    const failing =
      this.creationError ?? [...this.stores.values()].find((store) => store.writeError !== undefined)?.writeError;
    return failing !== undefined
      ? { ok: false, organizations: this.stores.size, lastWriteError: failing }
      : { ok: true, organizations: this.stores.size };
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
  const parsed = schema.safeParse(raw);
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
