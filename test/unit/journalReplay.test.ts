import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ZodTypeAny } from 'zod';
import { StoreValidationError } from '../../src/store/accountStore.js';
import { DEMO_TENANT_ID, demoOrganization } from '../../src/store/demoOrganization.js';
import { FileAccountStore } from '../../src/store/fileAccountStore.js';
import { deepFreeze } from '../../src/store/freeze.js';
import { InvalidChangeError } from '../../src/store/organizationFileStore.js';
import {
  ORGANIZATION_PARTS,
  UnjournaledChangeError,
  documentParts,
  journalFileOf,
  readJournal,
  replayJournal,
  type DocumentParts,
  type JournalRecord,
} from '../../src/store/organizationJournal.js';
import {
  STORE_FORMAT_VERSION,
  type AccessRequest,
  type AuditEntry,
  type OrganizationFile,
  type UserRecord,
} from '../../src/store/schema.js';
import { ExtendedDocumentSchema, extended } from '../helpers/extendedDocument.js';
import type { Vendor, ExtendedDocument } from '../helpers/extendedDocument.js';
import { organizationFileIn, storedBytes, storedOrganization } from '../helpers/storedOrganization.js';
import { withTempDir } from '../helpers/tempDir.js';

const NOW = '2026-11-20T10:00:00.000Z';
const LATER = '2026-11-21T10:00:00.000Z';
const ACTOR = { userId: 'u-alex', displayName: 'Alex Wilber' };
const ORGANIZATION = { type: 'organization' as const, id: DEMO_TENANT_ID };

/**
 * Replay works on the document as read from the file, before validation: small documents keep the
 * table readable. Records are told apart by id; `v` shows which version of a record won.
 */
const BASE = deepFreeze({
  formatVersion: 1,
  organization: { tenantId: 't-1', revision: 3 },
  users: [
    { id: 'u-1', v: 1 },
    { id: 'u-2', v: 1 },
  ],
  audit: [{ id: 'a-1' }],
});

interface ReplayRow {
  name: string;
  document: unknown;
  lines: JournalRecord[];
  expected: unknown;
  schema?: ZodTypeAny;
}

const REPLAY: ReplayRow[] = [
  { name: 'no lines: the document as read', document: BASE, lines: [], expected: BASE },
  {
    name: 'users: a record replaced in place, by id',
    document: BASE,
    lines: [{ users: [{ id: 'u-1', v: 2 }] }],
    expected: {
      ...BASE,
      users: [
        { id: 'u-1', v: 2 },
        { id: 'u-2', v: 1 },
      ],
    },
  },
  {
    name: 'users: a record added at the end',
    document: BASE,
    lines: [{ users: [{ id: 'u-3', v: 1 }] }],
    expected: { ...BASE, users: [...BASE.users, { id: 'u-3', v: 1 }] },
  },
  {
    name: 'organization: the whole part replaced',
    document: BASE,
    lines: [{ organization: { tenantId: 't-1', revision: 4, onboarding: { completedAt: NOW } } }],
    expected: { ...BASE, organization: { tenantId: 't-1', revision: 4, onboarding: { completedAt: NOW } } },
  },
  {
    name: 'audit: entries added after the ones in the file',
    document: BASE,
    lines: [{ audit: [{ id: 'a-2' }] }, { audit: [{ id: 'a-3' }, { id: 'a-4' }] }],
    expected: { ...BASE, audit: [{ id: 'a-1' }, { id: 'a-2' }, { id: 'a-3' }, { id: 'a-4' }] },
  },
  {
    name: 'audit: an entry the file already holds (folded in before a crash) is not added twice',
    document: BASE,
    lines: [{ audit: [{ id: 'a-1' }, { id: 'a-2' }] }],
    expected: { ...BASE, audit: [{ id: 'a-1' }, { id: 'a-2' }] },
  },
  {
    name: 'formatVersion: a part that is not a collection is replaced whole',
    document: BASE,
    lines: [{ formatVersion: 1 }],
    expected: BASE,
  },
  {
    name: 'one line touching every part',
    document: BASE,
    lines: [
      {
        formatVersion: 1,
        organization: { tenantId: 't-1', revision: 4 },
        users: [
          { id: 'u-2', v: 2 },
          { id: 'u-3', v: 1 },
        ],
        audit: [{ id: 'a-2' }],
      },
    ],
    expected: {
      formatVersion: 1,
      organization: { tenantId: 't-1', revision: 4 },
      users: [
        { id: 'u-1', v: 1 },
        { id: 'u-2', v: 2 },
        { id: 'u-3', v: 1 },
      ],
      audit: [{ id: 'a-1' }, { id: 'a-2' }],
    },
  },
  {
    name: 'later lines win: a record added, then replaced twice',
    document: BASE,
    lines: [
      { users: [{ id: 'u-3', v: 1 }] },
      { users: [{ id: 'u-3', v: 2 }] },
      {
        users: [
          { id: 'u-3', v: 3 },
          { id: 'u-1', v: 2 },
        ],
      },
    ],
    expected: {
      ...BASE,
      users: [
        { id: 'u-1', v: 2 },
        { id: 'u-2', v: 1 },
        { id: 'u-3', v: 3 },
      ],
    },
  },
  {
    name: 'a new collection (vendors): records added and replaced by id, like users',
    schema: ExtendedDocumentSchema,
    document: { ...BASE, vendors: [{ id: 'c-1', v: 1 }] },
    lines: [{ vendors: [{ id: 'c-2', v: 1 }] }, { vendors: [{ id: 'c-1', v: 2 }] }],
    expected: {
      ...BASE,
      vendors: [
        { id: 'c-1', v: 2 },
        { id: 'c-2', v: 1 },
      ],
    },
  },
  {
    name: 'a new collection the file does not have yet (written before it existed): created from the lines',
    schema: ExtendedDocumentSchema,
    document: BASE,
    lines: [{ vendors: [{ id: 'c-1', v: 1 }] }],
    expected: { ...BASE, vendors: [{ id: 'c-1', v: 1 }] },
  },
  {
    name: 'a new part that is not a collection (settings): replaced whole, the last line wins',
    schema: ExtendedDocumentSchema,
    document: BASE,
    lines: [{ settings: { counter: 1 } }, { settings: { counter: 2 } }],
    expected: { ...BASE, settings: { counter: 2 } },
  },
  {
    name: 'a file whose collection is not a list is left as it is, for validation to name it',
    document: { ...BASE, users: 'damaged' },
    lines: [{ users: [{ id: 'u-3', v: 1 }] }],
    expected: { ...BASE, users: 'damaged' },
  },
  {
    name: 'a file that is not an object is left as it is',
    document: null,
    lines: [{ audit: [{ id: 'a-2' }] }],
    expected: null,
  },
];

function newUser(id: string): UserRecord {
  return {
    id,
    displayName: `User ${id}`,
    email: `${id}@contoso.com`,
    roles: ['default_user'],
    status: 'invited',
    revision: 0,
    createdAt: NOW,
    createdBy: ACTOR,
    updatedAt: NOW,
    updatedBy: ACTOR,
  };
}

function auditEntry(id: string, outcome: AuditEntry['outcome'] = 'applied'): AuditEntry {
  return { id, at: NOW, actor: ACTOR, action: 'user.added', target: ORGANIZATION, outcome };
}

interface ReadRow {
  name: string;
  content: string | undefined;
  schema?: ZodTypeAny;
  /** Lines read, and how many bytes of the file they fill. */
  expected?: { lines: number; validBytes: number };
  /** Or the error, naming the journal and the line. */
  error?: RegExp;
}

const DEMO = demoOrganization(NOW);

function line(record: JournalRecord): string {
  return `${JSON.stringify(record)}\n`;
}
/** As the previous version wrote them: users, organization, audit, in that order; a refusal, audit only. */
const USER_LINE = line({
  users: [newUser('u-new')],
  organization: { ...DEMO.organization, revision: 1 },
  audit: [auditEntry('a-1')],
});
const REFUSAL_LINE = line({ audit: [auditEntry('a-2', 'refused')] });
const CUSTOMER_LINE = line({ vendors: [vendor('c-1', 'Fabrikam')], audit: [auditEntry('a-3')] });

const READ: ReadRow[] = [
  { name: 'no journal yet', content: undefined, expected: { lines: 0, validBytes: 0 } },
  { name: 'an empty journal', content: '', expected: { lines: 0, validBytes: 0 } },
  {
    name: 'lines as the previous version wrote them (users, organization, audit; a refusal: audit only)',
    content: USER_LINE + REFUSAL_LINE,
    expected: { lines: 2, validBytes: Buffer.byteLength(USER_LINE + REFUSAL_LINE) },
  },
  {
    name: 'a last line torn by a crash (no newline) is dropped, and not counted in the bytes kept',
    content: `${USER_LINE}{"users":[{"id":"u-torn","displ`,
    expected: { lines: 1, validBytes: Buffer.byteLength(USER_LINE) },
  },
  { name: 'only a torn line', content: '{"audit":[{"id":"a-9",', expected: { lines: 0, validBytes: 0 } },
  {
    name: 'a torn line in multi-byte text counts bytes, not characters',
    content: `${REFUSAL_LINE.replace('Alex Wilber', 'Zoë Lefèvre')}{"audit":[{"actor":{"displayName":"Zoë`,
    expected: { lines: 1, validBytes: Buffer.byteLength(REFUSAL_LINE.replace('Alex Wilber', 'Zoë Lefèvre')) },
  },
  {
    name: 'a part of a new collection, read with the schema that has it',
    schema: ExtendedDocumentSchema,
    content: CUSTOMER_LINE,
    expected: { lines: 1, validBytes: Buffer.byteLength(CUSTOMER_LINE) },
  },
  {
    name: 'a part the document does not have stops start-up',
    content: REFUSAL_LINE + CUSTOMER_LINE,
    error: /line 2: \(root\): Unrecognized key.*vendors/,
  },
  { name: 'a complete line that is not JSON', content: `${USER_LINE}{"audit":[}\n`, error: /line 2: not valid JSON/ },
  {
    name: 'a record that fails its schema is named by its path',
    content: `${JSON.stringify({ users: [{ ...newUser('u-bad'), email: 'not an email' }] })}\n`,
    error: /line 1: users\.0\.email/,
  },
  {
    name: 'a whole part that fails its schema',
    content: `${JSON.stringify({ organization: { ...DEMO.organization, revision: -1 } })}\n`,
    error: /line 1: organization\.revision/,
  },
];

describe('journal replay (src/store/organizationJournal.ts)', () => {
  it('the document has seven parts: formatVersion and organization journaled whole, users, customers, access requests, access reviews and audit by record', () => {
    const kindsOf = (parts: DocumentParts) =>
      Object.fromEntries([...parts.values()].map((part) => [part.name, part.kind]));
    const kinds = kindsOf(ORGANIZATION_PARTS);
    assert.deepEqual(kinds, {
      formatVersion: 'whole',
      organization: 'whole',
      users: 'records',
      customers: 'records',
      accessRequests: 'records',
      accessReviews: 'records',
      audit: 'records',
    });
    const added = kindsOf(documentParts(ExtendedDocumentSchema));
    assert.deepEqual(added, { ...kinds, vendors: 'records', settings: 'whole' });
  });

  describe('replayJournal: each kind of line and part, replayed twice to the same result', () => {
    for (const row of REPLAY) {
      it(row.name, () => {
        const document = structuredClone(row.document);
        const once = replayJournal(document, row.lines, row.schema);
        assert.deepEqual(once, row.expected);
        const twice = replayJournal(once, row.lines, row.schema);
        assert.deepEqual(twice, row.expected, 'replaying the lines again changes nothing');
        assert.deepEqual(document, row.document, 'the document read from the file is not modified');
      });
    }
  });

  describe('readJournal: which lines count', () => {
    for (const row of READ) {
      it(row.name, () =>
        withTempDir(async (dir) => {
          const file = path.join(dir, 'tenant.journal');
          if (row.content !== undefined) await writeFile(file, row.content);
          if (row.error) {
            const error = row.error;
            await assert.rejects(readJournal(file, row.schema), (thrown: Error) => {
              assert.ok(thrown instanceof StoreValidationError, thrown.message);
              assert.match(thrown.message, error);
              assert.ok(thrown.message.includes(file));
              return true;
            });
            return;
          }
          const journal = await readJournal(file, row.schema);
          assert.deepEqual({ lines: journal.records.length, validBytes: journal.validBytes }, row.expected);
        }),
      );
    }
  });

  it('a journal written by the previous version replays at start-up, over a file that already holds some of it', () =>
    withTempDir(async (dir) => {
      const file = organizationFileIn(dir, DEMO_TENANT_ID);
      await mkdir(path.dirname(file), { recursive: true });
      // The file was folded with the refusal already in it; the crash came before the journal was emptied.
      await writeFile(file, JSON.stringify({ ...DEMO, audit: [...DEMO.audit, auditEntry('a-2', 'refused')] }));
      await writeFile(journalFileOf(file), USER_LINE + REFUSAL_LINE);
      const stored = await storedOrganization(dir, DEMO_TENANT_ID);
      assert.equal(stored.users.at(-1)?.id, 'u-new');
      assert.equal(stored.organization.revision, 1);
      assert.deepEqual(
        stored.audit.map((entry) => entry.id),
        ['seed', 'a-2', 'a-1'],
      );
    }));
});

type Change = (current: ExtendedDocument) => ExtendedDocument;

interface PartRow {
  /** The top-level part the row changes (the table must cover every part of the document). */
  part: string;
  name: string;
  /** The document's schema: the organization's, or one with the parts a later release might add. */
  extendedSchema?: boolean;
  /** A change made before, already on disk, that the row's change builds on. */
  before?: Change;
  change: Change;
  /** What the stored document must show, beyond being equal to what the store held in memory. */
  check: (stored: ExtendedDocument) => void;
}

const location = {
  id: 'loc-nice',
  name: 'Contoso – Nice',
  city: 'Nice',
  country: 'FR',
  partnerId: '6104529',
  status: 'active' as const,
};

function accessRequest(id: string, status: AccessRequest['status']): AccessRequest {
  return {
    id,
    change: { kind: 'grant', targetId: 'u-megan', add: ['global_admin'], remove: [] },
    reason: 'quarter end',
    requestedBy: { userId: 'u-alex', displayName: 'Alex Wilber' },
    requestedAt: '2026-12-01T09:00:00.000Z',
    expiresAt: '2026-12-02T09:00:00.000Z',
    status,
  };
}

function vendor(id: string, name: string, version = 0): Vendor {
  return { id, name, version };
}

/** The list with the record of this id replaced. */
function replaced<T extends { id: string }>(list: readonly T[], id: string, patch: Partial<T>): T[] {
  return list.map((record) => (record.id === id ? { ...record, ...patch } : record));
}

const PARTS: PartRow[] = [
  {
    part: 'users',
    name: 'a user record replaced',
    change: (current) => ({ ...current, users: replaced(current.users, 'u-lynne', { status: 'removed' }) }),
    check: (stored) => assert.equal(stored.users.find((user) => user.id === 'u-lynne')?.status, 'removed'),
  },
  {
    part: 'users',
    name: 'a user record added',
    change: (current) => ({ ...current, users: [...current.users, newUser('u-new')] }),
    check: (stored) => assert.equal(stored.users.at(-1)?.id, 'u-new'),
  },
  {
    part: 'customers',
    name: 'a customer record replaced in place (its users nested in it), another left alone',
    change: (current) => ({
      ...current,
      customers: current.customers.map((customer) =>
        customer.id === 'cust-fabrikam'
          ? { ...customer, users: customer.users.slice(1), revision: customer.revision + 1 }
          : customer,
      ),
    }),
    check: (stored) => {
      const fabrikam = stored.customers.find((customer) => customer.id === 'cust-fabrikam');
      assert.equal(fabrikam?.users.length, 1);
      assert.equal(fabrikam?.revision, 1);
      assert.equal(stored.customers.length, 5);
    },
  },
  {
    part: 'accessRequests',
    name: 'an access request added, then decided in place',
    before: (current) => ({ ...current, accessRequests: [accessRequest('req-1', 'pending')] }),
    change: (current) => ({
      ...current,
      accessRequests: [accessRequest('req-1', 'denied'), accessRequest('req-2', 'pending')],
    }),
    check: (stored) =>
      assert.deepEqual(
        stored.accessRequests.map((request) => [request.id, request.status]),
        [
          ['req-1', 'denied'],
          ['req-2', 'pending'],
        ],
      ),
  },
  {
    part: 'accessReviews',
    name: 'an access review started',
    change: (current) => ({
      ...current,
      accessReviews: [
        {
          id: 'review-1',
          startedAt: '2026-12-01T09:00:00.000Z',
          startedBy: { userId: 'u-alex', displayName: 'Alex Wilber' },
          subjects: [{ userId: 'u-isaiah', roles: ['admin_agent'] }],
          reviewers: [{ userId: 'u-alex' }],
        },
      ],
    }),
    check: (stored) => assert.equal(stored.accessReviews[0]?.subjects[0]?.userId, 'u-isaiah'),
  },
  {
    part: 'organization',
    name: 'a nested part of the organization (profile.locations)',
    change: (current) => {
      const profile = current.organization.profile;
      const locations = [...profile.locations, location];
      return { ...current, organization: { ...current.organization, profile: { ...profile, locations } } };
    },
    check: (stored) => assert.deepEqual(stored.organization.profile.locations.at(-1), location),
  },
  {
    part: 'organization',
    name: 'programs and onboarding (nested in the organization)',
    change: (current) => ({
      ...current,
      organization: {
        ...current.organization,
        programs: current.organization.programs.map((program) =>
          program.programId === 'm365_copilot' ? { ...program, status: 'active' as const } : program,
        ),
        onboarding: { completedAt: LATER },
      },
    }),
    check: (stored) => {
      const copilot = stored.organization.programs.find((program) => program.programId === 'm365_copilot');
      assert.equal(copilot?.status, 'active');
      assert.equal(stored.organization.onboarding?.completedAt, LATER);
    },
  },
  {
    part: 'audit',
    name: 'an audit entry the change writes itself, besides the one the store adds',
    change: (current) => ({ ...current, audit: [...current.audit, auditEntry('a-own')] }),
    check: (stored) => {
      const [own, stamped] = stored.audit.slice(-2);
      assert.deepEqual(own, auditEntry('a-own'));
      assert.equal(stamped?.action, 'test.change');
    },
  },
  {
    part: 'formatVersion',
    name: 'formatVersion written again with its value (the only one it may have)',
    change: (current) => ({ ...current, formatVersion: STORE_FORMAT_VERSION }),
    check: (stored) => assert.equal(stored.formatVersion, STORE_FORMAT_VERSION),
  },
  {
    part: 'vendors',
    name: 'a new collection: a record added',
    extendedSchema: true,
    change: (current) => ({ ...current, vendors: [...current.vendors, vendor('c-1', 'Fabrikam')] }),
    check: (stored) => assert.deepEqual(stored.vendors, [vendor('c-1', 'Fabrikam')]),
  },
  {
    part: 'vendors',
    name: 'a new collection: a record replaced in place',
    extendedSchema: true,
    before: (current) => ({ ...current, vendors: [vendor('c-1', 'Fabrikam'), vendor('c-2', 'Tailspin')] }),
    change: (current) => ({
      ...current,
      vendors: replaced(current.vendors, 'c-1', { name: 'Fabrikam Inc.', version: 1 }),
    }),
    check: (stored) => {
      assert.deepEqual(stored.vendors, [vendor('c-1', 'Fabrikam Inc.', 1), vendor('c-2', 'Tailspin')]);
    },
  },
  {
    part: 'settings',
    name: 'a new part that is not a collection, set and then changed',
    extendedSchema: true,
    before: (current) => ({ ...current, settings: { counter: 1 } }),
    change: (current) => ({ ...current, settings: { counter: 2 } }),
    check: (stored) => assert.deepEqual(stored.settings, { counter: 2 }),
  },
  {
    part: 'every part',
    name: 'one change touching every part at once',
    extendedSchema: true,
    change: (current) => ({
      ...current,
      formatVersion: STORE_FORMAT_VERSION,
      organization: { ...current.organization, displayName: 'Contoso Renamed' },
      users: [...current.users, newUser('u-new')],
      audit: [...current.audit, auditEntry('a-own')],
      vendors: [vendor('c-1', 'Fabrikam')],
      settings: { counter: 7 },
    }),
    check: (stored) => {
      assert.equal(stored.organization.displayName, 'Contoso Renamed');
      assert.equal(stored.users.at(-1)?.id, 'u-new');
      assert.ok(stored.audit.some((entry) => entry.id === 'a-own'));
      assert.equal(stored.vendors[0]?.id, 'c-1');
      assert.deepEqual(stored.settings, { counter: 7 });
    },
  },
];

interface RefusalRow {
  name: string;
  extendedSchema?: boolean;
  before?: Change;
  change: Change;
  error: (error: unknown) => boolean;
}

const unjournaled = (pattern: RegExp) => (error: unknown) =>
  error instanceof UnjournaledChangeError && pattern.test(error.message);

const REFUSALS: RefusalRow[] = [
  {
    name: 'a part the document does not have (vendors, before the schema has it)',
    change: (current) => ({ ...current, vendors: [vendor('c-1', 'Fabrikam')] }),
    error: unjournaled(/"vendors": the document has no such part/),
  },
  {
    name: 'a part removed',
    change: (current) => ({ ...current, users: undefined as unknown as UserRecord[] }),
    error: unjournaled(/"users": a part of the document cannot be removed/),
  },
  {
    name: 'an optional part removed once set',
    extendedSchema: true,
    before: (current) => ({ ...current, settings: { counter: 1 } }),
    change: ({ settings: _removed, ...current }) => current,
    error: unjournaled(/"settings": a part of the document cannot be removed/),
  },
  {
    name: 'a record deleted (users are marked removed instead)',
    change: (current) => ({ ...current, users: current.users.slice(1) }),
    error: unjournaled(/"users": records cannot be deleted/),
  },
  {
    name: 'records moved',
    change: (current) => ({ ...current, users: [...current.users].reverse() }),
    error: unjournaled(/"users": records must keep their place/),
  },
  {
    name: 'a new record with the id of one already there (replay by id would merge them)',
    extendedSchema: true,
    before: (current) => ({ ...current, vendors: [vendor('c-1', 'Fabrikam')] }),
    change: (current) => ({ ...current, vendors: [...current.vendors, vendor('c-1', 'Impostor')] }),
    error: unjournaled(/"vendors": a record with the id c-1 already exists/),
  },
  {
    name: 'two new records with the same id',
    extendedSchema: true,
    change: (current) => ({ ...current, vendors: [vendor('c-1', 'A'), vendor('c-1', 'B')] }),
    error: unjournaled(/"vendors": two new records have the same id/),
  },
  {
    name: 'an audit entry rewritten (the audit log is append-only)',
    change: (current) => ({ ...current, audit: current.audit.map((entry) => ({ ...entry, action: 'rewritten' })) }),
    error: (error) => error instanceof Error && /append-only/.test(error.message),
  },
  {
    name: 'a whole part that fails its schema (a formatVersion this release does not write)',
    change: (current) => ({ ...current, formatVersion: 99 as typeof STORE_FORMAT_VERSION }),
    error: (error) => error instanceof InvalidChangeError && /formatVersion/.test(error.message),
  },
  {
    name: 'a record of a new collection that fails its schema',
    extendedSchema: true,
    change: (current) => ({ ...current, vendors: [vendor('c-1', '')] }),
    error: (error) => error instanceof InvalidChangeError && /vendors record c-1/.test(error.message),
  },
];

async function openTenant(dir: string, extendedSchema = false) {
  const options = extendedSchema ? { schema: ExtendedDocumentSchema } : {};
  const store = await FileAccountStore.open(dir, options);
  const demo = demoOrganization(NOW);
  const seed = (extendedSchema ? { ...demo, vendors: [] } : demo) as OrganizationFile;
  const tenant = await store.createOrganization(seed);
  const apply = (change: Change) =>
    tenant.change((current) => ({
      next: change(extended(current)),
      result: undefined,
      audit: [{ actor: ACTOR, action: 'test.change', target: ORGANIZATION, outcome: 'applied' as const }],
    }));
  return { tenant, apply, options };
}

describe('every part of the organization document survives a restart before compaction', () => {
  it('the table covers every part of the organization document, and of one with parts added', () => {
    const covered = new Set(PARTS.map((row) => row.part));
    for (const name of documentParts(ExtendedDocumentSchema).keys()) {
      assert.ok(covered.has(name), `no row changes "${name}"`);
    }
  });

  for (const row of PARTS) {
    it(`${row.part}: ${row.name}`, () =>
      withTempDir(async (dir) => {
        const { tenant, apply, options } = await openTenant(dir, row.extendedSchema);
        if (row.before) await apply(row.before);
        const fileBefore = await readFile(organizationFileIn(dir, DEMO_TENANT_ID), 'utf8');
        await apply(row.change);
        const inMemory = extended(tenant.read());
        row.check(inMemory);
        // What a restart reads: the file (not rewritten: no compaction yet) and the journal.
        const reopened = (await (await FileAccountStore.open(dir, options)).current(DEMO_TENANT_ID))!;
        const fileAfter = await readFile(organizationFileIn(dir, DEMO_TENANT_ID), 'utf8');
        assert.equal(fileAfter, fileBefore, 'the change is in the journal only');
        assert.deepEqual(reopened.read(), inMemory);
        row.check(extended(reopened.read()));
      }));
  }

  describe('a change the journal cannot carry is refused when it is made: nothing in memory, nothing on disk', () => {
    for (const row of REFUSALS) {
      it(row.name, () =>
        withTempDir(async (dir) => {
          const { tenant, apply, options } = await openTenant(dir, row.extendedSchema);
          if (row.before) await apply(row.before);
          const bytes = await storedBytes(dir, DEMO_TENANT_ID);
          const snapshot = tenant.read();
          await assert.rejects(apply(row.change), row.error);
          assert.equal(tenant.read(), snapshot);
          assert.equal(await storedBytes(dir, DEMO_TENANT_ID), bytes);
          // The store goes on: the next change is saved.
          await apply((current) => ({ ...current, users: [...current.users, newUser('u-after')] }));
          const reopened = (await (await FileAccountStore.open(dir, options)).current(DEMO_TENANT_ID))!;
          assert.deepEqual(reopened.read(), tenant.read());
        }),
      );
    }
  });
});
