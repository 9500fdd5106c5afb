import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository root, where cards/, locales/ and manifest/ live. Found by walking up to the
 * package.json, so it is the same whether the code runs from src/ (tsx) or from dist/ (tsc).
 */
function findRoot(start: string): string {
  let directory = start;
  while (!existsSync(path.join(directory, 'package.json'))) {
    const parent = path.dirname(directory);
    if (parent === directory) throw new Error(`No package.json above ${start}`);
    directory = parent;
  }
  return directory;
}

export const REPO_ROOT = findRoot(path.dirname(fileURLToPath(import.meta.url)));
export const CARDS_DIR = path.join(REPO_ROOT, 'cards');
export const LOCALES_DIR = path.join(REPO_ROOT, 'locales');
export const MANIFEST_DIR = path.join(REPO_ROOT, 'manifest');
