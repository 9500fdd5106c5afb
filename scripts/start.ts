import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { translator } from '../src/i18n/index.js';
import { loadConfigOrExit } from '../src/startupConfig.js';
import { REPO_ROOT } from '../src/paths.js';
import { DEMO_USERS } from '../src/store/demoOrganization.js';

/**
 * `npm start`: runs the bot and, in local mode, Microsoft 365 Agents Playground pointed at it, so a
 * person can chat with the bot at http://localhost:56150 with no Microsoft account, tunnel or Azure.
 * In production mode it runs the bot alone. Ctrl+C stops both.
 *
 * `npm start -- --as lynne`: the playground as another person of the demo organization (Lynne
 * Robbins is a Report viewer), by first name, full name or email.
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

/** Where the playground reads its configuration: the repository's (Alex Wilber), or one written for `--as`. */
async function playgroundDirectory(
  who: string | undefined,
): Promise<{ directory: string; name: string; email: string }> {
  // Loaded in local mode only: it reads YAML with a development dependency.
  const { configAs } = await import('./playgroundUser.js');
  const file = path.join(REPO_ROOT, '.m365agentsplayground.yml');
  const { text, person } = configAs(readFileSync(file, 'utf8'), who ?? 'alex');
  if (!who) return { directory: REPO_ROOT, name: person.name, email: person.email };
  const directory = mkdtempSync(path.join(os.tmpdir(), 'partner-admin-playground-'));
  writeFileSync(path.join(directory, '.m365agentsplayground.yml'), text);
  return { directory, name: person.name, email: person.email };
}

/** "Lynne Robbins, Report viewer": who the playground user is in the demo organization. */
function describePerson(name: string, email: string): string {
  const t = translator('en');
  const user = DEMO_USERS.find((candidate) => candidate.email === email);
  const roles = user ? t.list(user.roles.map((roleId) => t.t(`role.${roleId}.name`))) : '';
  return roles ? `${name}, ${roles}` : name;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { as: { type: 'string' } } });
  const config = loadConfigOrExit();
  // Before the bot starts, so a name nobody has stops here.
  const playgroundUser = config.mode === 'local' ? await playgroundDirectory(values.as) : undefined;

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
  if (!playgroundUser) return;

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
      cwd: playgroundUser.directory,
      // The playground opens a browser unless told not to; a headless machine has none.
      env: { ...process.env, TEAMSAPPTESTER_BROWSER: process.env.PLAYGROUND_OPEN_BROWSER === '1' ? undefined : 'none' },
    },
  );
  children.push(playground);
  playground.on('exit', (code) => stopAll(code ?? 1));
  process.stdout.write(
    `\nPartner Admin is running. Chat with it in Microsoft 365 Agents Playground: http://localhost:${PLAYGROUND_PORT}\n` +
      `You are ${describePerson(playgroundUser.name, playgroundUser.email)} in the demo organization Contoso Cloud Services. Try "help" or "aide".\n` +
      (values.as ? '' : 'To be someone else: npm start -- --as lynne (Report viewer), --as megan, --as patti…\n') +
      '\n',
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`npm start failed: ${(error as Error).message}\n`);
  process.exitCode = 1;
});
