import type { RoleId } from '../src/domain/roles.js';
import type { HistorySubject } from '../src/language/recognizer.js';
import type { AuditEntry, UserRecord } from '../src/store/schema.js';
import type { Conversation } from '../src/conversation/descriptor.js';
import { noticeCard } from '../src/conversation/notice.js';
import { oneUserNamed, whoOf, type Who } from '../src/conversation/people.js';
import { allowedOrExplained } from '../src/conversation/refusals.js';
import { escapeMarkdown } from '../src/conversation/text.js';
import type { MemberTurn } from '../src/conversation/turn.js';

/**
 * "What changed for Adele?", "history", "historique": the latest audit entries, newest first, for
 * one user (changes made to them) or for the whole organization. Only admins whose roles let them
 * see the audit log get it (Global, Account and User management admins). Each entry says when,
 * who, and what, in the admin's language; refused attempts are shown as such.
 */
export const HISTORY_SIZE = 10;

function describe(turn: MemberTurn, entry: AuditEntry, users: readonly UserRecord[]): string {
  const { t } = turn;
  const roles = (value: unknown) =>
    t.list((Array.isArray(value) ? (value as RoleId[]) : []).map((roleId) => t.t(`role.${roleId}.name`)));
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
  };
  const key = `history.action.${entry.action.replace('.', '_')}`;
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

async function showHistory(turn: MemberTurn, who?: Who, subject?: HistorySubject): Promise<void> {
  if (!(await allowedOrExplained(turn, { type: 'view_audit_log' }))) return;
  const { t } = turn;
  const document = turn.organization.read();
  let target: UserRecord | undefined;
  if (who?.userId || who?.text) {
    // Removed users have a history too.
    target = await oneUserNamed(turn, who, { includeRemoved: true });
    if (!target) return;
  }
  const entries = document.audit.filter(
    (entry) =>
      !PERSONAL_ACTIONS.has(entry.action) &&
      (!target || (entry.target.type === 'user' && entry.target.id === target.id)) &&
      (!subject || SUBJECT_ACTIONS[subject].includes(entry.action)),
  );
  const latest = entries.slice(-HISTORY_SIZE).reverse();
  const title = target
    ? t.t('history.titleUser', { name: escapeMarkdown(target.displayName) })
    : subject
      ? t.t(`history.titleSubject.${subject}`)
      : t.t('history.titleOrganization');
  await turn.sendCard(
    noticeCard({
      title,
      paragraphs: latest.length === 0 ? [t.t('history.empty')] : [],
      facts: latest.map((entry) => ({
        title: when(turn, entry.at),
        value: t.t('history.line', {
          actor: escapeMarkdown(entry.actor.userId === 'system' ? t.t('history.system') : entry.actor.displayName),
          what: describe(turn, entry, document.users),
        }),
      })),
      note:
        entries.length > HISTORY_SIZE
          ? t.t('history.more', { shown: HISTORY_SIZE, total: entries.length, zone: turn.timeZone })
          : t.t('history.times', { zone: turn.timeZone }),
    }),
  );
}

export const history: Conversation = {
  name: 'history',
  policy: ['view_audit_log'],
  offeredWhen: { history: () => ({ type: 'view_audit_log' }) },
  help: [{ intent: 'history', order: 80 }],
  intents: {
    history: (turn, request) => {
      const { subject } = request.entities;
      // "Who changed the roles recently?": a subject named and no one the organization has, so the
      // leftover words ("recently") are not a person to look for.
      const named = request.userId || request.entities.people?.length || request.entities.emails?.length;
      return showHistory(turn, subject && !named ? undefined : whoOf(request, { emails: true }), subject);
    },
  },
};
