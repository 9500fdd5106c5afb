import { parse } from 'csv-parse/sync';
import type { RoleId } from '../domain/roles.js';
import type { OrganizationFile, UserRecord } from '../store/schema.js';
import { hasProblems, newUserProblems, type NewUserInput, type NewUserProblems } from './addUser.js';
import { normalizeEmail } from './emails.js';
import { approvalNeeded } from './privilegedAccessRules.js';
import { foldForMatching } from './textFolding.js';

/**
 * A CSV of users to add (issue 22), read and checked with the add-user form's own rules before
 * anything is saved: full name, work email, roles (their English or French names, or ids, several
 * separated by ";"). The columns are named in English or French; UTF-8 (with or without the
 * byte-order mark Excel writes) and Excel's French ";" separator are read. A file-level problem
 * (not UTF-8, empty, an unknown or missing column, too many rows) stops the reading; a row's
 * problems are listed by row number, and the other rows can still be added.
 */
export const USERS_FILE_MAX_ROWS = 500;

export type FileProblem =
  | { kind: 'not_utf8' }
  | { kind: 'empty' }
  | { kind: 'unreadable' }
  | { kind: 'unknown_columns'; columns: string[] }
  | { kind: 'missing_columns'; columns: Column[] }
  | { kind: 'too_many_rows'; rows: number };

export type Column = 'displayName' | 'email' | 'roles';

/** A row's problems: the form's, plus roles the file names that no role has, and a repeated email. */
export interface RowProblems extends NewUserProblems {
  unknownRoles?: string[];
  repeatedFrom?: number;
  /** The Global admin role, where a second Global admin must approve it: the form asks for it. */
  needsApproval?: boolean;
}

export interface CheckedRow {
  /** The row's number as a spreadsheet shows it (the header is row 1). */
  row: number;
  input: NewUserInput;
  problems: RowProblems;
}

/** How each column may be headed: folded (lower case, no accents, no punctuation). */
const HEADERS: Record<Column, readonly string[]> = {
  displayName: ['full name', 'name', 'display name', 'nom complet', 'nom', 'nom et prenom', 'prenom et nom'],
  email: [
    'work email',
    'email',
    'e mail',
    'email address',
    'adresse e mail',
    'e mail professionnel',
    'adresse email',
    'courriel',
  ],
  roles: ['roles', 'role'],
};

function columnOf(header: string): Column | undefined {
  const folded = foldForMatching(header);
  return (Object.keys(HEADERS) as Column[]).find((column) => HEADERS[column].includes(folded));
}

export type ReadFile = { kind: 'rows'; rows: CheckedRow[] } | { kind: 'problem'; problem: FileProblem };

/**
 * Reads and checks the file against the organization as it is now and what `actor` may grant.
 * `roleNamed` turns a role as written (an id, or its English or French name) into its id.
 */
export function readUsersFile(
  bytes: Buffer,
  current: OrganizationFile,
  actor: UserRecord,
  roleNamed: (text: string) => RoleId | undefined,
): ReadFile {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return { kind: 'problem', problem: { kind: 'not_utf8' } };
  }
  if (!text.trim()) return { kind: 'problem', problem: { kind: 'empty' } };
  // Excel in French writes ";" between fields: whichever separator the header line uses.
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let records: string[][];
  try {
    records = parse(text, {
      delimiter,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
      bom: true,
    }) as string[][];
  } catch {
    return { kind: 'problem', problem: { kind: 'unreadable' } };
  }
  const [header, ...body] = records.filter((record) => record.some((cell) => cell !== ''));
  if (!header || body.length === 0) return { kind: 'problem', problem: { kind: 'empty' } };
  if (body.length > USERS_FILE_MAX_ROWS)
    return { kind: 'problem', problem: { kind: 'too_many_rows', rows: body.length } };
  const columns = header.map((cell) => columnOf(cell));
  const unknown = header.filter((cell, index) => cell !== '' && !columns[index]);
  if (unknown.length > 0)
    return { kind: 'problem', problem: { kind: 'unknown_columns', columns: unknown.slice(0, 5) } };
  const missing = (['displayName', 'email', 'roles'] as const).filter((column) => !columns.includes(column));
  if (missing.length > 0) return { kind: 'problem', problem: { kind: 'missing_columns', columns: missing } };
  // Roles written "A; B" in a ";" file without quotes spill into the next fields: when Roles is the
  // last column, what spills is more roles.
  const rolesLast = columns.indexOf('roles') === header.length - 1;
  const cell = (record: string[], column: Column) =>
    (column === 'roles' && rolesLast
      ? record.slice(header.length - 1).join(';')
      : (record[columns.indexOf(column)] ?? '')
    ).slice(0, 1000);
  const seen = new Map<string, number>();
  const rows = body.map((record, index): CheckedRow => {
    const row = index + 2;
    const written = cell(record, 'roles')
      .split(/[;,|]/)
      .map((each) => each.trim())
      .filter(Boolean);
    const roles = [...new Set(written.map(roleNamed).filter((roleId): roleId is RoleId => roleId !== undefined))];
    const unknownRoles = written.filter((each) => !roleNamed(each));
    const input: NewUserInput = { displayName: cell(record, 'displayName'), email: cell(record, 'email'), roles };
    const problems: RowProblems = newUserProblems(current, actor, input);
    if (unknownRoles.length > 0) {
      problems.unknownRoles = unknownRoles.slice(0, 5);
      // The roles it could read are not the point: the row is not what the admin meant.
      delete problems.roles;
    }
    if (roles.includes('global_admin') && !problems.roles && approvalNeeded(current)) problems.needsApproval = true;
    const email = normalizeEmail(input.email);
    const earlier = seen.get(email);
    if (earlier !== undefined && !problems.email) problems.repeatedFrom = earlier;
    else if (earlier === undefined) seen.set(email, row);
    return { row, input, problems };
  });
  return { kind: 'rows', rows };
}

export function rowHasProblems(row: CheckedRow): boolean {
  return (
    hasProblems(row.problems) || row.problems.unknownRoles !== undefined || row.problems.repeatedFrom !== undefined
  );
}
