import type { RoleId } from '../domain/roles.js';
import { privilegedRoles } from '../accounts/addUser.js';
import type { UserRecord } from '../store/schema.js';
import { noticeCard } from './notice.js';
import { escapeMarkdown } from './text.js';
import type { MemberTurn } from './turn.js';

/**
 * Every privileged change (issue 21: a privileged role given, taken away) is announced to the
 * organization's other active Global admins in their personal chats, each in their language.
 * Answers whom it told and whom it could not reach (never talked to the bot, or removed it), for
 * the outcome card of the admin who made the change.
 */
export interface Announced {
  told: string[];
  unreachable: string[];
}

export async function announcePrivilegedChange(
  turn: MemberTurn,
  target: UserRecord,
  change: {
    added: readonly RoleId[];
    removed: readonly RoleId[];
    until?: string;
    userRemoved?: boolean;
    /** People told otherwise (the requester of an approved change hears of it with the outcome). */
    except?: readonly string[];
  },
): Promise<Announced | undefined> {
  const added = privilegedRoles(change.added);
  const removed = privilegedRoles(change.removed);
  if (added.length === 0 && removed.length === 0) return undefined;
  const document = turn.organization.read();
  const admins = document.users.filter(
    (user) =>
      user.status === 'active' &&
      user.roles.includes('global_admin') &&
      user.id !== turn.user.id &&
      !change.except?.includes(user.id),
  );
  const announced: Announced = { told: [], unreachable: [] };
  const actor = escapeMarkdown(turn.user.displayName);
  const name = escapeMarkdown(target.displayName);
  for (const admin of admins) {
    const delivery = await turn.notifier.tell(document.organization.tenantId, admin.id, (t) => {
      const roles = (ids: readonly RoleId[]) => t.list(ids.map((roleId) => t.t(`role.${roleId}.name`)));
      return noticeCard({
        title: t.t('alerts.privileged.title', { name }),
        paragraphs: [
          ...(added.length > 0
            ? [
                change.until
                  ? t.t('alerts.privileged.givenUntil', {
                      actor,
                      roles: roles(added),
                      until: new Intl.DateTimeFormat(t.language, {
                        dateStyle: 'medium',
                        timeStyle: 'short',
                        timeZone: 'UTC',
                      }).format(new Date(change.until)),
                    })
                  : t.t('alerts.privileged.given', { actor, roles: roles(added) }),
              ]
            : []),
          ...(removed.length > 0
            ? [
                change.userRemoved
                  ? t.t('alerts.privileged.userRemoved', { actor, roles: roles(removed) })
                  : t.t('alerts.privileged.removed', { actor, roles: roles(removed) }),
              ]
            : []),
        ],
        tone: 'warning',
      });
    });
    (delivery === 'sent' ? announced.told : announced.unreachable).push(admin.displayName);
  }
  return announced;
}
