import { rolesThatCanAct, type ProgramStatus } from '../src/domain/programs.js';
import { expandCard } from '../src/conversation/cards.js';
import type { Conversation } from '../src/conversation/descriptor.js';
import { allowedOrExplained } from '../src/conversation/refusals.js';
import { escapeMarkdown } from '../src/conversation/text.js';
import type { MemberTurn } from '../src/conversation/turn.js';

const STATUS_COLOR: Record<ProgramStatus, string> = {
  active: 'Good',
  pending: 'Warning',
  qualified: 'Accent',
  declined: 'Attention',
  suspended: 'Attention',
};

/**
 * "Which programs are we enrolled in?": every enrollment with its status and what it means, the
 * organization's verification status, and for an enrollment that is not active, who can move it
 * forward (roles, with the people who hold them). Any active user may ask.
 */
async function showPrograms(turn: MemberTurn): Promise<void> {
  const { t } = turn;
  const document = turn.organization.read();
  const { organization } = document;
  const dateFormat = new Intl.DateTimeFormat(t.language === 'fr' ? 'fr-FR' : 'en-US', {
    dateStyle: 'long',
    timeZone: 'UTC',
  });
  const activeUsers = document.users.filter((user) => user.status === 'active');

  const programs = organization.programs.map((enrollment) => {
    const actors = rolesThatCanAct(enrollment.programId, enrollment.status).map((roleId) => {
      const holders = activeUsers
        .filter((user) => user.roles.includes(roleId))
        .map((user) => escapeMarkdown(user.displayName));
      const roleName = t.t(`role.${roleId}.name`);
      return holders.length > 0 ? `${roleName} (${t.list(holders)})` : roleName;
    });
    return {
      name: t.t(`program.${enrollment.programId}.name`),
      status: t.t(`programStatus.${enrollment.status}.label`),
      color: STATUS_COLOR[enrollment.status],
      meaning: t.t(`programStatus.${enrollment.status}.meaning`),
      since: t.t('programs.since', { date: dateFormat.format(new Date(enrollment.since)) }),
      whoCanAct: actors.length > 0 ? t.t('programs.whoCanAct', { roles: t.list(actors) }) : '',
    };
  });

  const verification = organization.profile.verification.status;
  await turn.sendCard(
    expandCard('programs', {
      title: t.t('programs.title', { organization: escapeMarkdown(organization.displayName) }),
      verification: t.t('programs.verification', { status: t.t(`verification.${verification}.label`) }),
      verificationMeaning: t.t(`verification.${verification}.meaning`),
      none: t.t('programs.none'),
      programs,
    }),
  );
}

export const programs: Conversation = {
  name: 'programs',
  policy: ['view_org_section'],
  help: [{ intent: 'programs', order: 70 }],
  intents: {
    programs: async (turn) => {
      if (await allowedOrExplained(turn, { type: 'view_org_section', section: 'programs' })) await showPrograms(turn);
    },
  },
};
