import { z } from 'zod';
import { decideIn } from '../src/accounts/organizationView.js';
import { ROLE_IDS, type RoleId } from '../src/domain/roles.js';
import { HISTORY_SUBJECTS, type HistorySubject } from '../src/language/recognizer.js';
import type { AuditEntry, Customer, UserRecord } from '../src/store/schema.js';
import { customersRequested } from '../src/conversation/parts/customers.js';
import { executeAction } from '../src/conversation/cardActions.js';
import { malformedCard, personalChatOnlyCard } from '../src/conversation/forms.js';
import { csvFile, fileName, isExportedFile, type ExportedFile } from '../src/conversation/fileExports.js';
import type { Request } from '../src/conversation/commands.js';
import { findDateRange } from '../src/language/timeSpans.js';
import type { Conversation } from '../src/conversation/descriptor.js';
import { expandCard } from '../src/conversation/cards.js';
import { oneUserNamed, whoOf, type Who } from '../src/conversation/people.js';
import { allowedOrExplained, onOrganization, recordRefusedAttempt, refusalCard } from '../src/conversation/refusals.js';
import { escapeMarkdown } from '../src/conversation/text.js';
import type { CardJson, MemberTurn } from '../src/conversation/turn.js';

/**
 * "What changed for Adele?", "history", "historique": the latest audit entries, newest first, for
 * one user (changes made to them) or for the whole organization. Only admins whose roles let them
 * see the audit log get it (Global, Account and User management admins). Each entry says when,
 * who, and what, in the admin's language; refused attempts are shown as such.
 *
 * Ten entries a card; "Older" and "Newer" page through the rest in place. A page is anchored on an
 * entry's id, not a count, so entries written meanwhile do not shift what "Older" shows.
 */
export const HISTORY_SIZE = 10;
const VERBS = { page: 'history.page' } as const;

function describe(
  turn: MemberTurn,
  entry: AuditEntry,
  users: readonly UserRecord[],
  customers: readonly Customer[],
): string {
  const { t } = turn;
  const roles = (value: unknown) =>
    t.list(
      (Array.isArray(value) ? (value as unknown[]) : [])
        // Only role ids: other entries keep other lists under the same names (a review's "removed" people).
        .filter((roleId): roleId is RoleId => (ROLE_IDS as readonly unknown[]).includes(roleId))
        .map((roleId) => t.t(`role.${roleId}.name`)),
    );
  const after = (entry.after ?? {}) as Record<string, unknown>;
  const target =
    entry.target.type === 'user'
      ? (users.find((user) => user.id === entry.target.id)?.displayName ?? entry.target.id)
      : '';
  const values: Record<string, string> = {
    target: escapeMarkdown(target),
    roles: roles(after.roles),
    added: roles(after.added),
    removed: roles(after.removed),
    email: escapeMarkdown(typeof after.notificationEmail === 'string' ? after.notificationEmail : ''),
    partnerId: escapeMarkdown(typeof after.partnerId === 'string' ? after.partnerId : ''),
    state: typeof after.state === 'string' ? t.t(`taxExemptions.short.${after.state}`) : '',
    language: typeof after.preferredLanguage === 'string' ? t.t(`history.languageName.${after.preferredLanguage}`) : '',
    customer: escapeMarkdown(
      entry.target.type === 'customer'
        ? (customers.find((customer) => customer.id === entry.target.id)?.companyName ??
            (typeof after.companyName === 'string' ? after.companyName : entry.target.id))
        : '',
    ),
    user: escapeMarkdown(typeof after.displayName === 'string' ? after.displayName : ''),
    requester: escapeMarkdown(
      typeof (after.requestedBy as { displayName?: unknown } | undefined)?.displayName === 'string'
        ? (after.requestedBy as { displayName: string }).displayName
        : '',
    ),
    people: escapeMarkdown(
      t.list(
        (Array.isArray(after.removed) ? (after.removed as unknown[]) : [])
          .filter((id): id is string => typeof id === 'string')
          .map((id) => users.find((user) => user.id === id)?.displayName ?? id),
      ),
    ),
    reviewer: escapeMarkdown(
      typeof after.reviewer === 'string'
        ? (users.find((user) => user.id === after.reviewer)?.displayName ?? after.reviewer)
        : '',
    ),
  };
  const key = `history.action.${entry.action.replace('.', '_')}${rolesChangeSuffix(entry.action, after)}${reviewSuffix(entry.action, after)}`;
  const what = turn.t.has(key)
    ? t.t(key, values)
    : t.t('history.action.other', { action: escapeMarkdown(entry.action) });
  return entry.outcome === 'refused'
    ? t.t('history.refused', {
        what,
        reason: t.t(`history.reason.${turn.t.has(`history.reason.${entry.reason}`) ? entry.reason : 'other'}`),
      })
    : what;
}

/**
 * A change of roles is told by what it added and took away (what a reader of the history looks
 * for); entries written before those were recorded say the roles it left.
 */
function rolesChangeSuffix(action: string, after: Record<string, unknown>): string {
  if (action !== 'user.roles_changed') return '';
  const some = (value: unknown) => Array.isArray(value) && value.length > 0;
  if (some(after.added) && some(after.removed)) return '_both';
  if (some(after.added)) return '_added';
  if (some(after.removed)) return '_removed';
  return '';
}

/** An access review's answer says whom it took privileged roles from, or that it kept everyone. */
function reviewSuffix(action: string, after: Record<string, unknown>): string {
  if (action !== 'access_review.answered') return '';
  return Array.isArray(after.removed) && after.removed.length > 0 ? '_removed' : '_kept';
}

function when(turn: MemberTurn, at: string): string {
  return new Intl.DateTimeFormat(turn.t.language, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: turn.timeZone,
  }).format(new Date(at));
}

/** The audit actions each part of the account is changed by, for "who changed the primary contact?". */
const SUBJECT_ACTIONS: Record<HistorySubject, readonly string[]> = {
  primary_contact: ['organization.primary_contact_changed'],
  support_profile: ['organization.support_profile_changed'],
  partner_id: ['organization.partner_id_associated', 'organization.location_added'],
  notification_email: ['user.notification_email_changed'],
  roles: ['user.roles_changed'],
};

/**
 * Personal preferences: audited like every change, but not the organization's history ("Alex chose
 * French" is nobody else's business and would crowd out the account's changes).
 */
const PERSONAL_ACTIONS: ReadonlySet<string> = new Set(['user.language_changed']);

/** Which entries a history card lists: whose, about what, and where the page is anchored. */
interface HistoryQuery {
  target?: UserRecord;
  /** The changes made to one customer ("who ended Litware?"). */
  customer?: Customer;
  subject?: HistorySubject;
  /** The page of entries just older than this entry's id… */
  before?: string;
  /** …or just newer than it; neither: the newest page. */
  after?: string;
}

/**
 * The entries this admin may see, oldest first, narrowed by the query: the card and the exported
 * file show the same. Changes to customers only to those who may see customers (a person sees only
 * what their roles allow); personal preferences never.
 */
function visibleEntries(turn: MemberTurn, query: HistoryQuery & { from?: string; to?: string }): AuditEntry[] {
  const { target, subject, customer, from, to } = query;
  const document = turn.organization.read();
  const seesCustomers = decideIn(document, turn.user, { type: 'view_customers' }).allowed;
  return document.audit.filter(
    (entry) =>
      !PERSONAL_ACTIONS.has(entry.action) &&
      (entry.target.type !== 'customer' || seesCustomers) &&
      (!target || (entry.target.type === 'user' && entry.target.id === target.id)) &&
      (!customer || (entry.target.type === 'customer' && entry.target.id === customer.id)) &&
      (!subject || SUBJECT_ACTIONS[subject].includes(entry.action)) &&
      (!from || entry.at >= from) &&
      (!to || entry.at < to),
  );
}

/** The page of `entries` (oldest first) a query asks for: [start, end). */
function pageOf(entries: readonly AuditEntry[], query: HistoryQuery): [number, number] {
  const newest: [number, number] = [Math.max(0, entries.length - HISTORY_SIZE), entries.length];
  const anchor = (id: string | undefined) => (id ? entries.findIndex((entry) => entry.id === id) : -1);
  const before = anchor(query.before);
  if (before >= 0) return [Math.max(0, before - HISTORY_SIZE), before];
  const after = anchor(query.after);
  if (after >= 0 && after + 1 + HISTORY_SIZE < entries.length) return [after + 1, after + 1 + HISTORY_SIZE];
  return newest;
}

function historyCard(turn: MemberTurn, query: HistoryQuery): CardJson {
  const { t } = turn;
  const { target, subject, customer } = query;
  const document = turn.organization.read();
  const seesCustomers = decideIn(document, turn.user, { type: 'view_customers' }).allowed;
  const entries = visibleEntries(turn, query);
  const [start, end] = pageOf(entries, query);
  const shown = entries.slice(start, end).reverse();
  const title = target
    ? t.t('history.titleUser', { name: escapeMarkdown(target.displayName) })
    : customer && seesCustomers
      ? t.t('history.titleUser', { name: escapeMarkdown(customer.companyName) })
      : subject
        ? t.t(`history.titleSubject.${subject}`)
        : t.t('history.titleOrganization');
  // The page buttons say again whose history it is: a click is read on its own.
  const whose = {
    ...(target ? { targetId: target.id } : {}),
    ...(customer ? { customerId: customer.id } : {}),
    ...(subject ? { subject } : {}),
  };
  const older =
    start > 0 ? [executeAction(t.t('history.older'), VERBS.page, { ...whose, before: entries[start]!.id })] : [];
  const newer =
    end < entries.length
      ? [executeAction(t.t('history.newer'), VERBS.page, { ...whose, after: entries[end - 1]!.id })]
      : [];
  // One line an entry, the width of the card (a date column would wrap each entry over five lines).
  return expandCard('history', {
    title,
    empty: t.t('history.empty'),
    entries: shown.map((entry) => ({
      when: when(turn, entry.at),
      line: t.t('history.line', {
        actor: escapeMarkdown(entry.actor.userId === 'system' ? t.t('history.system') : entry.actor.displayName),
        what: describe(turn, entry, document.users, document.customers),
      }),
    })),
    note:
      entries.length > shown.length
        ? t.t('history.page', {
            from: entries.length - end + 1,
            to: entries.length - start,
            total: entries.length,
            zone: turn.timeZone,
          })
        : t.t('history.times', { zone: turn.timeZone }),
    actions: [...newer, ...older],
  });
}

async function showHistory(turn: MemberTurn, who?: Who, subject?: HistorySubject, customer?: Customer): Promise<void> {
  if (!(await allowedOrExplained(turn, { type: 'view_audit_log' }))) return;
  if (customer) {
    await turn.sendCard(historyCard(turn, { customer }));
    return;
  }
  let target: UserRecord | undefined;
  if (who?.userId || who?.text) {
    // Removed users have a history too.
    target = await oneUserNamed(turn, who, { includeRemoved: true });
    if (!target) return;
  }
  await turn.sendCard(historyCard(turn, { ...(target ? { target } : {}), ...(subject ? { subject } : {}) }));
}

const PageData = z.object({
  targetId: z.string().max(100).optional(),
  customerId: z.string().max(100).optional(),
  subject: z.enum(HISTORY_SUBJECTS).optional(),
  before: z.string().max(100).optional(),
  after: z.string().max(100).optional(),
});

/** "Older" / "Newer": the policy is asked again (roles may have changed since the card was sent). */
async function showPage(turn: MemberTurn, data: Record<string, unknown>): Promise<CardJson> {
  const parsed = PageData.safeParse(data);
  if (!parsed.success) return malformedCard(turn);
  const { t } = turn;
  const action = { type: 'view_audit_log' } as const;
  const decision = decideIn(turn.organization.read(), turn.user, action);
  if (!decision.allowed) return refusalCard(turn, t.t('history.titleOrganization'), decision, action);
  const { targetId, customerId, ...rest } = parsed.data;
  // Only this organization's users and customers: an id from elsewhere finds nothing, and is not shown.
  const target = targetId ? turn.organization.userById(targetId) : undefined;
  if (targetId && !target) return malformedCard(turn);
  const customer = customerId
    ? turn.organization.read().customers.find((candidate) => candidate.id === customerId)
    : undefined;
  if (customerId && !customer) return malformedCard(turn);
  return historyCard(turn, { ...rest, ...(target ? { target } : {}), ...(customer ? { customer } : {}) });
}

// --- The history as a file (issue 22) ---------------------------------------------------------

const ExportParams = z.object({
  userId: z.string().max(100).optional(),
  from: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  to: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
});

/** One line an entry, with what an auditor asks: when, who, what, target, before, after, outcome. */
async function historyFile(turn: MemberTurn, params: Record<string, string>): Promise<ExportedFile | CardJson> {
  const { t } = turn;
  const action = { type: 'view_audit_log' } as const;
  const decision = decideIn(turn.organization.read(), turn.user, action);
  if (!decision.allowed) {
    await recordRefusedAttempt(turn, onOrganization(turn, 'history.exported'), decision.reason);
    return refusalCard(turn, t.t('export.history.refusedTitle'), decision, action);
  }
  const parsed = ExportParams.safeParse(params);
  if (!parsed.success) return malformedCard(turn);
  const { userId, from, to } = parsed.data;
  // Only this organization's users: an id from elsewhere finds nothing.
  const target = userId ? turn.organization.userById(userId) : undefined;
  if (userId && !target) return malformedCard(turn);
  const document = turn.organization.read();
  const entries = visibleEntries(turn, {
    ...(target ? { target } : {}),
    ...(from ? { from } : {}),
    // "to" is a day, included: up to the start of the next.
    ...(to ? { to: new Date(Date.parse(to) + 86_400_000).toISOString().slice(0, 10) } : {}),
  });
  const nameOf = (entry: AuditEntry) => {
    if (entry.target.type === 'user')
      return document.users.find((user) => user.id === entry.target.id)?.displayName ?? entry.target.id;
    if (entry.target.type === 'customer')
      return document.customers.find((customer) => customer.id === entry.target.id)?.companyName ?? entry.target.id;
    return entry.target.type === 'organization' ? document.organization.displayName : entry.target.id;
  };
  const json = (value: unknown) => (value === undefined ? '' : JSON.stringify(value));
  return csvFile(
    fileName(t.t('export.history.fileStem'), new Date().toISOString().slice(0, 10)),
    ['when', 'who', 'what', 'action', 'target', 'before', 'after', 'outcome', 'reason'].map((column) =>
      t.t(`export.history.column.${column}`),
    ),
    entries.map((entry) => [
      entry.at,
      entry.actor.userId === 'system' ? t.t('history.system') : entry.actor.displayName,
      // The card's own words, without the Markdown escapes a card needs.
      describe(turn, entry, document.users, document.customers).replace(/\\([\\`*_{}[\]()#+\-.!|>~])/g, '$1'),
      entry.action,
      nameOf(entry),
      json(entry.before),
      json(entry.after),
      t.t(`export.history.outcome.${entry.outcome}`),
      entry.reason ?? '',
    ]),
  );
}

/** "Export the history (of Megan) (from … to …)": the consent card for the file, in the personal chat. */
async function offerHistory(turn: MemberTurn, request: Request): Promise<void> {
  const { t } = turn;
  if (!(await allowedOrExplained(turn, { type: 'view_audit_log' }, onOrganization(turn, 'history.exported')))) return;
  if (!turn.personal) {
    await turn.sendCard(personalChatOnlyCard(turn));
    return;
  }
  let target: UserRecord | undefined;
  // Only someone the organization has: the words left over ("export", "csv") are not a person.
  const named = request.userId || request.entities.people?.length || request.entities.emails?.length;
  const who = named ? whoOf(request, { emails: true }) : undefined;
  if (who?.userId || who?.text) {
    target = await oneUserNamed(turn, who, { includeRemoved: true });
    if (!target) return;
  }
  const range = findDateRange(request.text ?? '', t.language, new Date(), turn.timeZone);
  const params: Record<string, string> = {
    ...(target ? { userId: target.id } : {}),
    ...(range?.from ? { from: range.from } : {}),
    ...(range?.to ? { to: range.to } : {}),
  };
  const file = await historyFile(turn, params);
  if (!isExportedFile(file)) {
    await turn.sendCard(file);
    return;
  }
  const lines =
    file.content
      .toString('utf8')
      .split('\n')
      .filter((line) => line.trim()).length - 1;
  await turn.offerFile({
    name: file.name,
    description: t.t('export.history.description', {
      count: lines,
      whose: target ? escapeMarkdown(target.displayName) : turn.organization.read().organization.displayName,
      range: range ? t.t('export.range', { from: range.from ?? '…', to: range.to ?? '…' }) : t.t('export.allTime'),
    }),
    sizeInBytes: file.content.length,
    request: { export: 'history', params },
  });
}

export const history: Conversation = {
  name: 'history',
  policy: ['view_audit_log', 'view_customers'],
  offeredWhen: {
    history: () => ({ type: 'view_audit_log' }),
    export_history: () => ({ type: 'view_audit_log' }),
  },
  help: [{ intent: 'history', order: 80 }],
  intents: {
    export_history: (turn, request) => offerHistory(turn, request),
    history: (turn, request) => {
      const { subject } = request.entities;
      // "Who changed the roles recently?": a subject named and no one the organization has, so the
      // leftover words ("recently") are not a person to look for.
      const named = request.userId || request.entities.people?.length || request.entities.emails?.length;
      // "Who ended Litware?": a customer named, and no person.
      const customers = named ? [] : customersRequested(turn, request, ['active', 'invited', 'ended']);
      if (customers.length === 1) return showHistory(turn, undefined, undefined, customers[0]);
      return showHistory(turn, subject && !named ? undefined : whoOf(request, { emails: true }), subject);
    },
  },
  cardActions: { [VERBS.page]: showPage },
  exports: { history: historyFile },
};
