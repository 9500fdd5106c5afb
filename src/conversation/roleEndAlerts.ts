import type { RoleEnded } from '../accounts/expireRoles.js';
import type { OrganizationFile } from '../store/schema.js';
import { noticeCard } from './notice.js';
import type { Delivery, Notifier } from './notifier.js';
import { escapeMarkdown } from './text.js';

/**
 * Who is told when a time-bound role ends (issue 21), in their personal chat and language: the
 * person, and the admin who gave it. When the role was kept because it was the organization's
 * last Global admin, every active Global admin is told instead, to decide. Answers who could not
 * be reached (they never talked to the bot, or removed it).
 */
export async function announceRolesEnded(
  notifier: Notifier,
  document: OrganizationFile,
  ended: readonly RoleEnded[],
): Promise<{ userId: string; delivery: Delivery }[]> {
  const tenantId = document.organization.tenantId;
  const deliveries: { userId: string; delivery: Delivery }[] = [];
  const tell = async (userId: string, card: Parameters<Notifier['tell']>[2]) =>
    deliveries.push({ userId, delivery: await notifier.tell(tenantId, userId, card) });
  for (const end of ended) {
    const name = escapeMarkdown(end.displayName);
    if (end.kept) {
      const admins = document.users.filter((user) => user.status === 'active' && user.roles.includes('global_admin'));
      for (const admin of admins)
        await tell(admin.id, (t) =>
          noticeCard({
            title: t.t('alerts.roleKept.title', { name, role: t.t(`role.${end.roleId}.name`) }),
            paragraphs: [t.t('alerts.roleKept.body')],
            tone: 'attention',
          }),
        );
      continue;
    }
    await tell(end.userId, (t) =>
      noticeCard({
        title: t.t('alerts.roleEnded.yours', { role: t.t(`role.${end.roleId}.name`) }),
        paragraphs: [t.t('alerts.roleEnded.yoursBody', { by: escapeMarkdown(end.grantedBy.displayName) })],
        tone: 'default',
      }),
    );
    if (end.grantedBy.userId !== end.userId && document.users.some((user) => user.id === end.grantedBy.userId))
      await tell(end.grantedBy.userId, (t) =>
        noticeCard({
          title: t.t('alerts.roleEnded.given', { name, role: t.t(`role.${end.roleId}.name`) }),
          paragraphs: [t.t('alerts.roleEnded.givenBody')],
          tone: 'default',
        }),
      );
  }
  return deliveries;
}
