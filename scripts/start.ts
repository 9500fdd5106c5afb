import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { loadConfigOrExit } from '../src/startupConfig.js';
import { REPO_ROOT } from '../src/paths.js';

/**
 * `npm start`: runs the bot and, in local mode, Microsoft 365 Agents Playground pointed at it, so a
 * person can chat with the bot at http://localhost:56150 with no Microsoft account, tunnel or Azure.
 * In production mode it runs the bot alone. Ctrl+C stops both.
 */
const PLAYGROUND_PORT = Number(process.env.PLAYGROUND_PORT ?? 56150);

async function waitForHealth(url: string, bot: ChildProcess): Promise<void> {
  for (let attempt = 0; attempt < 150; attempt += 1) {
    if (bot.exitCode !== null) throw new Error('the bot stopped during start-up (see the messages above)');
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the bot did not answer ${url}/healthz within 30 seconds`);
}

async function main(): Promise<void> {
  const config = loadConfigOrExit();

  const children: ChildProcess[] = [];
  const stopAll = (code: number) => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
    process.exitCode = code;
  };
  process.on('SIGINT', () => stopAll(0));
  process.on('SIGTERM', () => stopAll(0));

  const bot = spawn(process.execPath, [path.join(REPO_ROOT, 'dist/src/index.js')], {
    stdio: 'inherit',
    cwd: REPO_ROOT,
  });
  children.push(bot);
  bot.on('exit', (code) => stopAll(code ?? 1));
  if (config.mode !== 'local') return;

  const botUrl = `http://127.0.0.1:${config.port}`;
  await waitForHealth(botUrl, bot);
  const require = createRequire(import.meta.url);
  const playgroundCli = path.join(
    path.dirname(require.resolve('@microsoft/m365agentsplayground/package.json')),
    'cli.js',
  );
  const playground = spawn(
    process.execPath,
    [
      '--require',
      path.join(REPO_ROOT, 'scripts/playground-loopback.cjs'),
      playgroundCli,
      'start',
      '--app-endpoint',
      `${botUrl}/api/messages`,
      '--channel-id',
      'msteams',
      '--port',
      String(PLAYGROUND_PORT),
      '--disable-telemetry',
    ],
    {
      stdio: ['ignore', 'inherit', 'inherit'],
      cwd: REPO_ROOT,
      // The playground opens a browser unless told not to; a headless machine has none.
      env: { ...process.env, TEAMSAPPTESTER_BROWSER: process.env.PLAYGROUND_OPEN_BROWSER === '1' ? undefined : 'none' },
    },
  );
  children.push(playground);
  playground.on('exit', (code) => stopAll(code ?? 1));
  process.stdout.write(
    `\nPartner Admin is running. Chat with it in Microsoft 365 Agents Playground: http://localhost:${PLAYGROUND_PORT}\n` +
      'You are Alex Wilber, Global admin of the demo organization Contoso Cloud Services. Try "help" or "aide".\n\n',
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`npm start failed: ${(error as Error).message}\n`);
  process.exitCode = 1;
});
