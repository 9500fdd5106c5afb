import { randomUUID } from 'node:crypto';
import type { ZodError } from 'zod';
import type { AuditDraft, ChangeContext } from './accountStore.js';
import { deepFreeze } from './freeze.js';
import { assertNewIds, changedParts, type DocumentParts, type JournalRecord } from './organizationJournal.js';
import { AuditEntrySchema, type AuditEntry, type OrganizationFile, type UserRecord } from './schema.js';
import type { UserDirectory } from './userDirectory.js';

/**
 * What every backend does to a change before it stores it (lowdb files and PostgreSQL alike), so
 * the rules of a stored document live in one place.
 */

/** A change built a record that does not match its schema: a programming error, never saved. */
export class InvalidChangeError extends Error {
  constructor(what: string, error: ZodError) {
    super(
      `Refusing to save an invalid ${what}: ${error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('; ')}`,
    );
    this.name = 'InvalidChangeError';
  }
}

export interface SealedChange {
  /** The next document, frozen. */
  next: OrganizationFile;
  /** Every part the change touched, and its stamped audit entries (a journal line, a row update). */
  record: JournalRecord;
  /** Users the change added or replaced. */
  changed: UserRecord[];
}

/**
 * Checks what a change built and stamps it: every part it touched is found (by reference) and
 * validated against its schema, new or replaced users keep identities unique, audit entries get
 * ids and times, and the revision moves on when something was applied. Returns the next document
 * and its journal record, which carries every part the change touched; what a journal line
 * cannot carry is refused here (UnjournaledChangeError), before anything is acknowledged.
 */
export function sealChange(
  base: OrganizationFile,
  next: OrganizationFile,
  audit: AuditDraft[],
  context: ChangeContext,
  parts: DocumentParts,
  directory: UserDirectory,
): SealedChange {
  if (audit.length === 0) throw new Error('Every change must be audited');
  if (next.organization.tenantId !== base.organization.tenantId)
    throw new Error('A change cannot move an organization to another tenant');
  const applied = audit.some((entry) => entry.outcome === 'applied');
  const organization = applied
    ? { ...next.organization, revision: base.organization.revision + 1, updatedAt: context.now }
    : next.organization;
  const built = (organization === next.organization ? next : { ...next, organization }) as Record<string, unknown>;
  const record: JournalRecord = {};
  const document: Record<string, unknown> = { ...built };
  let users: { changed: UserRecord[]; added: Set<UserRecord> } = { changed: [], added: new Set() };
  for (const change of changedParts(base, built, parts)) {
    const { name, schema } = change.part;
    if (change.kind === 'whole') {
      const checked = schema.safeParse(change.value);
      if (!checked.success) throw new InvalidChangeError(name, checked.error);
      record[name] = change.value;
      document[name] = deepFreeze(change.value);
      continue;
    }
    // The audit log is a trail: entries are added (by the store, below, or by the change), never rewritten.
    if (name === 'audit' && change.replaced.length > 0) {
      throw new Error('The audit log is append-only: a change cannot rewrite an entry');
    }
    const records = [...change.replaced, ...change.added];
    for (const item of records) {
      const checked = schema.safeParse(item);
      const id = String((item as { id?: unknown } | null)?.id);
      if (!checked.success) throw new InvalidChangeError(`${name} record ${id}`, checked.error);
    }
    if (name === 'users') {
      users = { changed: records as UserRecord[], added: new Set(change.added as UserRecord[]) };
      directory.check(users.changed, users.added);
    } else {
      assertNewIds(name, (base as Record<string, unknown>)[name] as unknown[] | undefined, change.added);
    }
    record[name] = records;
    // Freeze what is new (records, the list holding them) rather than walking every record
    // again: the rest was frozen when it was stored.
    for (const item of records) deepFreeze(item);
    document[name] = Object.freeze(built[name]);
  }
  const entries: AuditEntry[] = audit.map((draft) => {
    const entry = { id: randomUUID(), at: context.now, ...draft };
    const checked = AuditEntrySchema.safeParse(entry);
    if (!checked.success) throw new InvalidChangeError('audit entry', checked.error);
    return entry;
  });
  record.audit = [...((record.audit as AuditEntry[] | undefined) ?? []), ...entries];
  document.audit = Object.freeze([...(document.audit as AuditEntry[]), ...deepFreeze(entries)]);
  return { next: Object.freeze(document) as OrganizationFile, record, changed: users.changed };
}
