import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { REPO_ROOT } from '../../src/paths.js';

export interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** tsx's ESM loader by absolute URL: the child runs in another working directory, where a bare "tsx" would not resolve. */
const TSX_LOADER = pathToFileURL(
  path.join(path.dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/loader.mjs'),
).href;

/** Starts src/index.ts as its own process (through tsx), the way `npm run start:bot` runs the build. */
export function spawnBot(env: NodeJS.ProcessEnv): ChildProcess & { output: () => { stdout: string; stderr: string } } {
  const child = spawn(process.execPath, ['--import', TSX_LOADER, path.join(REPO_ROOT, 'src/index.ts')], {
    // The data directory as working directory: a developer's ./.env in the repo never leaks into tests.
    cwd: env.DATA_DIR ?? os.tmpdir(),
    env: { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => (stdout += chunk));
  child.stderr?.on('data', (chunk) => (stderr += chunk));
  return Object.assign(child, { output: () => ({ stdout, stderr }) });
}

export function waitForExit(child: ReturnType<typeof spawnBot>, timeoutMs = 20_000): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the bot did not exit within ${timeoutMs} ms: ${JSON.stringify(child.output())}`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      // Let the pipes drain.
      setImmediate(() => resolve({ code, ...child.output() }));
    });
  });
}

/** Waits for the "listening" log line and returns the port it names. */
export function waitForListening(child: ReturnType<typeof spawnBot>, timeoutMs = 20_000): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`not listening after ${timeoutMs} ms: ${JSON.stringify(child.output())}`)),
      timeoutMs,
    );
    const check = () => {
      const match = /"port":(\d+)[^\n]*"msg":"listening"/.exec(child.output().stdout);
      if (match) {
        clearTimeout(timer);
        child.stdout?.off('data', check);
        resolve(Number(match[1]));
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', () => reject(new Error(`exited before listening: ${JSON.stringify(child.output())}`)));
    check();
  });
}
