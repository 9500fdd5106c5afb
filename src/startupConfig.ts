import { existsSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig, type AppConfig } from './config.js';

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

/**
 * The configuration for a process that is starting: ./.env, then the environment, validated.
 * A configuration error ends the process with the message that names the variable.
 */
export function loadConfigOrExit(): AppConfig {
  loadEnvFile();
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Partner Admin bot cannot start.\n${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}
