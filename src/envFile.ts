import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * Reads ./.env (from the working directory) into process.env when it exists, with Node's own
 * parser. Variables already set in the real environment win: a deployment's settings are never
 * overridden by a stray file.
 */
export function loadEnvFile(directory = process.cwd()): void {
  const file = path.join(directory, '.env');
  if (!existsSync(file)) return;
  const before = { ...process.env };
  process.loadEnvFile(file);
  Object.assign(process.env, before);
}
