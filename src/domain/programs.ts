import type { RoleId } from './roles.js';

/**
 * Programs a partner organization can be enrolled in, their statuses, and the organization's
 * verification (vetting) status (shared/domain/partner-center.md §4). Names, meanings and next
 * steps live in the locale files under `program.<id>.*`, `programStatus.<status>.*` and
 * `verification.<status>.*`.
 */
export const PROGRAM_IDS = [
  'maicpp',
  'csp_direct_bill',
  'csp_indirect_provider',
  'csp_indirect_reseller',
  'commercial_marketplace',
  'm365_copilot',
  'windows_xbox',
  'hardware_dev_center',
  'edge_extensions',
] as const;
export type ProgramId = (typeof PROGRAM_IDS)[number];

/** Statuses as Partner Center shows them under Legal info → Program info. */
export const PROGRAM_STATUSES = ['active', 'pending', 'qualified', 'declined', 'suspended'] as const;
export type ProgramStatus = (typeof PROGRAM_STATUSES)[number];

/** Vetting status, with the API's names (the UI says Accepted/In progress for some of them). */
export const VERIFICATION_STATUSES = ['none', 'pending', 'authorized', 'rejected'] as const;
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];

export interface ProgramDefinition {
  id: ProgramId;
  /** Roles that manage this enrollment in Partner Center: who to ask when it is not active. */
  managedBy: readonly RoleId[];
  /** The agreement whose acceptance turns "qualified" into "active", if any. */
  agreement?: 'mpa' | 'publisher_agreement' | 'cpv_agreement';
}

const CATALOG: readonly ProgramDefinition[] = [
  { id: 'maicpp', managedBy: ['global_admin', 'account_admin', 'mpn_partner_admin'] },
  { id: 'csp_direct_bill', managedBy: ['global_admin'], agreement: 'mpa' },
  { id: 'csp_indirect_provider', managedBy: ['global_admin'], agreement: 'mpa' },
  { id: 'csp_indirect_reseller', managedBy: ['global_admin'], agreement: 'mpa' },
  { id: 'commercial_marketplace', managedBy: ['owner', 'manager', 'global_admin'], agreement: 'publisher_agreement' },
  { id: 'm365_copilot', managedBy: ['owner', 'manager', 'global_admin'] },
  { id: 'windows_xbox', managedBy: ['owner', 'manager'] },
  { id: 'hardware_dev_center', managedBy: ['owner', 'manager'] },
  { id: 'edge_extensions', managedBy: ['owner', 'manager'] },
];

const BY_ID = new Map(CATALOG.map((program) => [program.id, program]));

/**
 * Who can move an enrollment forward from a status that is not "active". "qualified" waits for the
 * agreement, which only a Global admin of the CSP tenant can sign; a declined or suspended one
 * needs the verification fixed, which the compliance admin follows.
 */
const ACTORS_BY_STATUS: Record<Exclude<ProgramStatus, 'active'>, readonly RoleId[]> = {
  pending: ['global_admin', 'account_admin', 'compliance_admin'],
  qualified: ['global_admin'],
  declined: ['global_admin', 'account_admin', 'compliance_admin'],
  suspended: ['global_admin'],
};

export function allPrograms(): readonly ProgramDefinition[] {
  return CATALOG;
}

export function getProgram(id: ProgramId): ProgramDefinition {
  const program = BY_ID.get(id);
  if (!program) throw new Error(`Unknown program id: ${id}`);
  return program;
}

export function isProgramId(value: unknown): value is ProgramId {
  return typeof value === 'string' && BY_ID.has(value as ProgramId);
}

/** The roles that can act on an enrollment in a given status; none when it is active. */
export function rolesThatCanAct(programId: ProgramId, status: ProgramStatus): readonly RoleId[] {
  if (status === 'active') return [];
  const byStatus = ACTORS_BY_STATUS[status];
  // The status decides the kind of work (sign, fix verification); on the developer side the
  // publisher's own owners and managers do it.
  const managers = getProgram(programId).managedBy;
  return managers.includes('global_admin') ? byStatus : managers;
}
