import { Low } from 'lowdb';
import type { ZodTypeAny } from 'zod';
import { OrganizationFileSchema, type OrganizationFile, type UserRecord } from './schema.js';
import { deepFreeze } from './freeze.js';
import { DurableJsonFile } from './durableJsonFile.js';
import {
  JournalWriter,
  documentParts,
  journalFileOf,
  type DocumentParts,
  type JournalRecord,
} from './organizationJournal.js';
import { sealChange } from './sealChange.js';
import { UserDirectory } from './userDirectory.js';
import {
  StoreWriteError,
  type AuditDraft,
  type ChangeContext,
  type ChangeOutcome,
  type TenantStore,
} from './accountStore.js';

export { DuplicateIdentityError } from './userDirectory.js';
export { InvalidChangeError } from './sealChange.js';

interface Waiter {
  /** The change's journal line. */
  line: string;
  resolve: () => void;
  reject: (error: Error) => void;
}

/** The journal is folded into the organization file once it is this large, or larger than the file. */
const COMPACT_AFTER_BYTES = 1_048_576;

/**
 * One organization: its lowdb file plus a write-ahead journal (organizationJournal.ts). Changes
 * are applied one after another in memory (JavaScript runs them one at a time, and `apply` is
 * synchronous), then written by group commit: the journal lines of the changes that arrive while a
 * write is under way are appended and flushed together by the next write. Each caller's promise
 * resolves only once a flushed write holds its change. If a write fails, the memory goes back to
 * what is on disk and every change not yet written is rejected, so what the bot reports always
 * matches the disk. The journal is folded into the lowdb file when it grows past the file's size.
 */
export class OrganizationFileStore implements TenantStore {
  private persisted: OrganizationFile;
  private current: OrganizationFile;
  private waiting: Waiter[] = [];
  private writing: Promise<void> | undefined;
  private readonly directory: UserDirectory;
  private readonly journal: JournalWriter;
  /** Size of the organization file when last written: the journal is folded in once it is larger. */
  private fileBytes: number;
  private lastWriteError: string | undefined;
  /** The document's parts, read from its schema: what a change's journal line can carry. */
  private readonly parts: DocumentParts;
  /** Set once this copy is let go: where its changes go instead. */
  private successor: (() => Promise<TenantStore | undefined>) | undefined;

  private constructor(
    private readonly db: Low<OrganizationFile>,
    readonly file: string,
    initial: OrganizationFile,
    journalBytes: number,
    fileBytes: number,
    private readonly compactAfterBytes: number,
    schema: ZodTypeAny,
  ) {
    this.parts = documentParts(schema);
    this.persisted = this.current = deepFreeze(initial);
    this.directory = new UserDirectory(this.current.users);
    this.journal = new JournalWriter(journalFileOf(file), journalBytes);
    this.fileBytes = fileBytes;
  }

  /**
   * Opens a validated document: the organization file with its journal replayed. `create` writes
   * the file first (for a new organization). `journalBytes`: the journal's complete lines.
   * `schema`: the document's (OrganizationFileSchema unless a test adds a part, as a later release
   * would); its parts are what the journal carries.
   */
  static async open(
    file: string,
    document: OrganizationFile,
    options: {
      create: boolean;
      journalBytes?: number;
      fileBytes?: number;
      compactAfterBytes?: number;
      schema?: ZodTypeAny;
    },
  ): Promise<OrganizationFileStore> {
    const adapter = new DurableJsonFile<OrganizationFile>(file);
    const db = new Low<OrganizationFile>(adapter, document);
    if (options.create) await db.write();
    const fileBytes = options.create ? adapter.bytes : (options.fileBytes ?? 0);
    const compactAfterBytes = options.compactAfterBytes ?? COMPACT_AFTER_BYTES;
    const journalBytes = options.journalBytes ?? 0;
    const schema = options.schema ?? OrganizationFileSchema;
    return new OrganizationFileStore(db, file, document, journalBytes, fileBytes, compactAfterBytes, schema);
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
    return this.directory.byId(userId);
  }

  userByObjectId(aadObjectId: string): UserRecord | undefined {
    return this.directory.byObjectId(aadObjectId);
  }

  userByEmail(email: string): UserRecord | undefined {
    return this.directory.byEmail(email);
  }

  /**
   * Lets this copy go (the account store keeps memory bounded): changes asked of it from now on
   * (by a turn that still holds it) are made by the organization's next copy, which `successor`
   * opens; this one only finishes writing what it already accepted. Only one copy ever writes.
   */
  async retire(successor: () => Promise<TenantStore | undefined>): Promise<void> {
    this.successor = successor;
    await this.flush();
  }

  change<T>(apply: (current: OrganizationFile, context: ChangeContext) => ChangeOutcome<T>): Promise<T> {
    if (this.successor) {
      const next = this.successor;
      return next().then((store) => {
        if (!store) throw new StoreWriteError(this.file, new Error('the organization is gone'));
        return store.change(apply);
      });
    }
    let outcome: ChangeOutcome<T>;
    let sealed: { next: OrganizationFile; record: JournalRecord; changed: UserRecord[] };
    try {
      const context = { now: new Date().toISOString() };
      outcome = apply(this.current, context);
      sealed = sealChange(this.current, outcome.next, outcome.audit, context, this.parts, this.directory);
    } catch (error) {
      // A change function's refusal (ChangeRefusedError and the like), as a rejected promise like any other outcome.
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    this.directory.accept(sealed.changed);
    this.current = sealed.next;
    return this.enqueueWrite(`${JSON.stringify(sealed.record)}\n`).then(() => outcome.result);
  }

  recordRefusal(entry: Omit<AuditDraft, 'outcome'> & { reason: string }): Promise<void> {
    return this.change((current) => ({ next: current, result: undefined, audit: [{ ...entry, outcome: 'refused' }] }));
  }

  /** Resolves when nothing is waiting to be written. */
  async flush(): Promise<void> {
    while (this.writing) await this.writing.catch(() => undefined);
  }

  private enqueueWrite(line: string): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ line, resolve, reject });
      if (!this.writing) this.writing = this.writeLoop().finally(() => (this.writing = undefined));
    });
  }

  private async writeLoop(): Promise<void> {
    while (this.waiting.length > 0) {
      const batch = this.waiting;
      this.waiting = [];
      const snapshot = this.current;
      const mark = this.directory.mark();
      try {
        await this.journal.append(batch.map((waiter) => waiter.line).join(''));
        this.persisted = snapshot;
        this.directory.written(mark);
        this.lastWriteError = undefined;
        for (const waiter of batch) waiter.resolve();
      } catch (cause) {
        // Undo everything not on disk, including changes queued behind this write: they were
        // built on top of the lost one.
        this.current = this.persisted;
        this.directory.undoUnwritten();
        this.lastWriteError = (cause as Error)?.message ?? String(cause);
        const failed = [...batch, ...this.waiting];
        this.waiting = [];
        const error = new StoreWriteError(this.file, cause);
        for (const waiter of failed) waiter.reject(error);
        continue;
      }
      if (this.journal.bytes > Math.max(this.compactAfterBytes, this.fileBytes)) await this.compact();
    }
  }

  /**
   * Folds the journal into the organization file: the whole document written atomically and
   * durably by lowdb, then the journal emptied. Every change in it is already on disk, so a failure
   * here (disk full) loses nothing: the journal is kept and folding is tried again later.
   */
  private async compact(): Promise<void> {
    try {
      this.db.data = this.persisted;
      await this.db.write();
      this.fileBytes = (this.db.adapter as DurableJsonFile<OrganizationFile>).bytes;
      await this.journal.clear();
    } catch {
      // Try again once the journal has doubled.
      this.fileBytes = this.journal.bytes * 2;
    }
  }
}
