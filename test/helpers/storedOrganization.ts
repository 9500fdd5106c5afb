import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { loadOrganization } from '../../src/store/fileAccountStore.js';
import { journalFileOf } from '../../src/store/organizationJournal.js';
import type { OrganizationFile } from '../../src/store/schema.js';

/**
 * What is on disk for one organization: its lowdb file with its journal replayed, read the way the
 * bot reads it at start-up. Tests that check "saved" or "unchanged" look here, not at the lowdb
 * file alone (a change may still be in the journal).
 */
export function organizationFileIn(dir: string, tenantId: string): string {
  return path.join(dir, 'organizations', `${tenantId}.json`);
}

export async function storedOrganization(dir: string, tenantId: string): Promise<OrganizationFile> {
  return (await loadOrganization(organizationFileIn(dir, tenantId))).document;
}

/** The organization's stored bytes (file and journal): equal before and after means nothing was written. */
export async function storedBytes(dir: string, tenantId: string): Promise<string> {
  const file = organizationFileIn(dir, tenantId);
  const journal = await readFile(journalFileOf(file), 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return '';
    throw error;
  });
  return `${await readFile(file, 'utf8')}\n--- journal ---\n${journal}`;
}
