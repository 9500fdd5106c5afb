import { z } from 'zod';
import { addUsers, NothingAddedError } from '../src/accounts/addUsers.js';
import { privilegedRoles } from '../src/accounts/addUser.js';
import {
  readUsersFile,
  rowHasProblems,
  USERS_FILE_MAX_ROWS,
  type CheckedRow,
  type FileProblem,
} from '../src/accounts/usersFile.js';
import { ROLE_IDS, type RoleId } from '../src/domain/roles.js';
import { translator } from '../src/i18n/index.js';
import { attemptChange, finishWith, notSavedCard } from '../src/conversation/changes.js';
import type { Conversation } from '../src/conversation/descriptor.js';
import { csvFile, type ExportedFile } from '../src/conversation/fileExports.js';
import { defineFlow } from '../src/conversation/flows.js';
import { cancelButton, FlowOnly, formAction, submitButton } from '../src/conversation/forms.js';
import { noticeCard } from '../src/conversation/notice.js';
import { announcePrivilegedChange } from '../src/conversation/privilegedAlerts.js';
import { allowedOrExplained, explainDenial, onOrganization } from '../src/conversation/refusals.js';
import { escapeMarkdown } from '../src/conversation/text.js';
import type { CardJson, MemberTurn } from '../src/conversation/turn.js';
import { foldForMatching } from '../src/accounts/textFolding.js';

/**
 * "Add users from a file" (issue 22): a CSV attached in the personal chat (full name, work email,
 * roles by their English or French names or ids, separated by ";") is read with the add-user
 * form's own rules and answered with a preview: how many would be added, each problem by row,
 * the privileged roles named; Add / Cancel. Nothing is saved before Add; Add adds every valid row
 * in one change, the policy asked again. "Add users from a file" gives the columns and the
 * template, as a file. In a group chat the file is not read.
 */
const VERBS = { add: 'users_file.add' } as const;
const PROBLEMS_SHOWN = 8;

const RowShape = z.object({
  row: z.number().int().min(2),
  input: z.object({
    displayName: z.string().max(1000),
    email: z.string().max(1000),
    roles: z.array(z.enum(ROLE_IDS)).max(ROLE_IDS.length),
  }),
});
const usersFileFlow = defineFlow('users_file', {
  fileName: z.string().max(300),
  rows: z.array(RowShape).max(USERS_FILE_MAX_ROWS),
});

const attempted = (turn: MemberTurn) => onOrganization(turn, 'users.imported');

/** A role as a file writes it: its id, or its English or French name, in any case and accents. */
const ROLE_NAMES = new Map<string, RoleId>(
  ROLE_IDS.flatMap((roleId) => [
    [foldForMatching(roleId), roleId] as const,
    ...(['en', 'fr'] as const).map(
      (language) => [foldForMatching(translator(language).t(`role.${roleId}.name`)), roleId] as const,
    ),
  ]),
);
const roleNamed = (text: string) => ROLE_NAMES.get(foldForMatching(text));

function problemLines(turn: MemberTurn, row: CheckedRow): string[] {
  const { t } = turn;
  const { problems } = row;
  const lines: string[] = [];
  if (problems.displayName) lines.push(t.t(`usersFile.problem.name.${problems.displayName}`));
  if (problems.email) lines.push(t.t(`usersFile.problem.email.${problems.email}`));
  if (problems.unknownRoles)
    lines.push(t.t('usersFile.problem.unknownRoles', { roles: escapeMarkdown(problems.unknownRoles.join(', ')) }));
  else if (problems.roles?.problem === 'none_chosen') lines.push(t.t('usersFile.problem.noRole'));
  else if (problems.roles?.problem === 'not_grantable')
    lines.push(
      t.t('usersFile.problem.notGrantable', {
        roles: t.list(problems.roles.roles.map((roleId) => t.t(`role.${roleId}.name`))),
      }),
    );
  if (problems.repeatedFrom) lines.push(t.t('usersFile.problem.repeated', { row: problems.repeatedFrom }));
  if (problems.needsApproval) lines.push(t.t('usersFile.problem.needsApproval'));
  return lines;
}

function fileProblemText(turn: MemberTurn, problem: FileProblem): string {
  const { t } = turn;
  switch (problem.kind) {
    case 'unknown_columns':
      return t.t('usersFile.file.unknown_columns', { columns: escapeMarkdown(problem.columns.join(', ')) });
    case 'missing_columns':
      return t.t('usersFile.file.missing_columns', {
        columns: t.list(problem.columns.map((column) => t.t(`usersFile.column.${column}`))),
      });
    case 'too_many_rows':
      return t.t('usersFile.file.too_many_rows', { rows: problem.rows, max: USERS_FILE_MAX_ROWS });
    default:
      return t.t(`usersFile.file.${problem.kind}`);
  }
}

function previewCard(turn: MemberTurn, flowId: string, fileName: string, rows: readonly CheckedRow[]): CardJson {
  const { t } = turn;
  const valid = rows.filter((row) => !rowHasProblems(row));
  const wrong = rows.filter(rowHasProblems);
  const privileged = valid.filter((row) => privilegedRoles(row.input.roles).length > 0);
  const lines = wrong.flatMap((row) =>
    problemLines(turn, row).map((problem) => t.t('usersFile.rowProblem', { row: row.row, problem })),
  );
  return noticeCard({
    title: t.t('usersFile.preview.title', { count: valid.length, file: escapeMarkdown(fileName) }),
    tone: privileged.length > 0 ? 'warning' : 'default',
    paragraphs: [
      ...(wrong.length > 0 ? [t.t('usersFile.preview.problems', { count: wrong.length })] : []),
      ...lines.slice(0, PROBLEMS_SHOWN),
      ...(lines.length > PROBLEMS_SHOWN
        ? [t.t('usersFile.preview.more', { count: lines.length - PROBLEMS_SHOWN })]
        : []),
      ...(privileged.length > 0
        ? [
            t.t('usersFile.preview.privileged', {
              names: escapeMarkdown(
                t.list(
                  privileged.slice(0, 5).map((row) =>
                    t.t('usersFile.preview.privilegedOne', {
                      name: row.input.displayName.trim(),
                      roles: t.list(privilegedRoles(row.input.roles).map((roleId) => t.t(`role.${roleId}.name`))),
                    }),
                  ),
                ),
              ),
              more: privileged.length > 5 ? t.t('usersFile.preview.andMore', { count: privileged.length - 5 }) : '',
            }),
          ]
        : []),
    ],
    note: t.t('usersFile.preview.note'),
    actions:
      valid.length > 0
        ? [
            submitButton(t.t('usersFile.preview.add', { count: valid.length }), VERBS.add, flowId),
            cancelButton(turn, flowId),
          ]
        : [],
  });
}

/** A file attached in a message: read, checked, previewed. True when this conversation took it. */
async function readFile(turn: MemberTurn): Promise<boolean> {
  const { t } = turn;
  const [file] = turn.files;
  if (!file) return false;
  if (!turn.personal) {
    await turn.say(t.t('usersFile.personalOnly'));
    return true;
  }
  if (!(await allowedOrExplained(turn, { type: 'open_add_user_form' }, attempted(turn)))) return true;
  if (file.fileType !== 'csv' && !file.name.toLowerCase().endsWith('.csv')) {
    await turn.say(
      t.t(file.fileType === 'xlsx' || file.fileType === 'xls' ? 'usersFile.file.excel' : 'usersFile.file.not_csv'),
    );
    return true;
  }
  const download = await turn.download(file);
  if (download.kind !== 'ok') {
    await turn.say(
      download.kind === 'too_big' ? t.t('usersFile.file.too_big', { max: '1 MB' }) : t.t('usersFile.file.failed'),
    );
    return true;
  }
  const read = readUsersFile(download.bytes, turn.organization.read(), turn.user, roleNamed);
  if (read.kind === 'problem') {
    await turn.say(fileProblemText(turn, read.problem));
    return true;
  }
  const valid = read.rows.filter((row) => !rowHasProblems(row));
  turn.flows.close();
  const flow = turn.flows.start(usersFileFlow, {
    fileName: file.name,
    rows: valid.map(({ row, input }) => ({ row, input: { ...input, roles: [...input.roles] } })),
  });
  await turn.sendCard(previewCard(turn, flow.id, file.name, read.rows));
  return true;
}

const add = formAction(usersFileFlow, FlowOnly, async (turn, { flow }) => {
  const { t } = turn;
  const outcome = await attemptChange(
    turn,
    attempted(turn),
    (current, now) => addUsers(current, turn.user.id, flow.rows, now),
    { invalid: NothingAddedError },
  );
  switch (outcome.kind) {
    case 'saved': {
      const { added, skipped } = outcome.result;
      for (const user of added)
        if (privilegedRoles(user.roles).length > 0)
          await announcePrivilegedChange(turn, user, { added: user.roles, removed: [] });
      return finishWith(
        turn,
        flow.id,
        noticeCard({
          title: t.t('usersFile.done.title', { count: added.length }),
          tone: 'good',
          paragraphs: [
            t.t('usersFile.done.body'),
            ...skipped.slice(0, PROBLEMS_SHOWN).map((each) =>
              t.t('usersFile.done.skipped', {
                row: each.row,
                reason: t.t(`usersFile.skipped.${each.reason === 'invalid' ? 'invalid' : 'refused'}`),
              }),
            ),
          ],
        }),
      );
    }
    case 'invalid':
      return finishWith(turn, flow.id, noticeCard({ title: t.t('usersFile.done.none'), tone: 'attention' }));
    case 'refused':
      return finishWith(
        turn,
        flow.id,
        noticeCard({
          title: t.t('addUser.refused.title'),
          tone: 'attention',
          paragraphs: [explainDenial(turn, outcome.decision, outcome.action)],
        }),
      );
    case 'not_saved':
      return notSavedCard(turn);
    default:
      return finishWith(turn, flow.id, noticeCard({ title: t.t('errors.generic'), tone: 'attention' }));
  }
});

/** The template, in the admin's language: the three columns and an example row. */
async function template(turn: MemberTurn): Promise<ExportedFile> {
  const { t } = turn;
  return csvFile(
    t.t('usersFile.template.fileName'),
    (['displayName', 'email', 'roles'] as const).map((column) => t.t(`usersFile.column.${column}`)),
    [
      [
        t.t('usersFile.template.exampleName'),
        t.t('usersFile.template.exampleEmail'),
        t.t('usersFile.template.exampleRoles'),
      ],
    ],
  );
}

async function explain(turn: MemberTurn): Promise<void> {
  const { t } = turn;
  if (!(await allowedOrExplained(turn, { type: 'open_add_user_form' }, attempted(turn)))) return;
  await turn.sendCard(
    noticeCard({
      title: t.t('usersFile.howTo.title'),
      paragraphs: [t.t('usersFile.howTo.columns'), t.t('usersFile.howTo.limits', { max: USERS_FILE_MAX_ROWS })],
      note: t.t(turn.personal ? 'usersFile.howTo.attach' : 'usersFile.personalOnly'),
    }),
  );
  if (!turn.personal) return;
  const file = await template(turn);
  await turn.offerFile({
    name: file.name,
    description: t.t('usersFile.template.description'),
    sizeInBytes: file.content.length,
    request: { export: 'users_template', params: {} },
  });
}

export const addUsersFromFile: Conversation = {
  name: 'add-users-from-file',
  policy: ['open_add_user_form'],
  flows: [usersFileFlow],
  offeredWhen: { add_users_from_file: () => ({ type: 'open_add_user_form' }) },
  intents: { add_users_from_file: (turn) => explain(turn) },
  readsFiles: readFile,
  exports: { users_template: (turn) => template(turn) },
  cardActions: { [VERBS.add]: add },
};
