import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { configAs } from '../../scripts/playgroundUser.js';
import { REPO_ROOT } from '../../src/paths.js';
import { spawnBot, waitForListening } from './botProcess.js';
import { makeTempDir } from './tempDir.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = path.join(REPO_ROOT, 'test-results');

/**
 * Whether browser tests can run here. Without Chromium they skip locally with a message, but under
 * CI=true a missing browser is a failure: CI must install it (apt-get install -y chromium).
 */
export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI === 'true')
    throw new Error(`Chromium is missing at ${CHROMIUM}: CI must install it (apt-get install -y chromium).`);
  process.stdout.write(
    `      (browser tests skipped: no Chromium at ${CHROMIUM}; install it with apt-get install -y chromium)\n`,
  );
  return false;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface PlaygroundSession {
  page: Page;
  dataDir: string;
  stop(): Promise<void>;
}

/**
 * The bot as its own process, Microsoft 365 Agents Playground pointed at it, and a headless Chromium
 * page on it, as Alex Wilber (Global admin) or `as` another person of the demo organization (the
 * playground reads its current user from `.m365agentsplayground.yml`: written for `as` the way
 * `npm start -- --as` does).
 */
export interface SessionOptions {
  /** Start as this mock user of the demo organization (see scripts/playgroundUser.ts). */
  as?: string;
  /** Writes to the empty data directory before the bot starts (an organization with a long history). */
  prepare?: (dataDir: string) => Promise<void>;
  /**
   * The data directory of an earlier session, kept (`keepData`): the same bot data seen as another
   * person, which is how a test switches the playground's user (it has no switcher of its own).
   */
  dataDir?: string;
  /** Leave the data directory in place when the session stops (the next session reuses it). */
  keepData?: boolean;
}

export async function startPlaygroundSession(options: SessionOptions = {}): Promise<PlaygroundSession> {
  const dataDir = options.dataDir ?? (await makeTempDir());
  await options.prepare?.(dataDir);
  let configDirectory = REPO_ROOT;
  if (options.as) {
    configDirectory = path.join(dataDir, 'playground');
    await mkdir(configDirectory, { recursive: true });
    const { text } = configAs(await readFile(path.join(REPO_ROOT, '.m365agentsplayground.yml'), 'utf8'), options.as);
    await writeFile(path.join(configDirectory, '.m365agentsplayground.yml'), text);
  }
  const children: ChildProcess[] = [];
  let browser: Browser | undefined;
  const stop = async () => {
    await browser?.close().catch(() => undefined);
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
    if (options.keepData) {
      // The bot finishes its writes on SIGTERM: the next session reads them.
      await Promise.all(
        children.map((child) =>
          child.exitCode === null ? new Promise((resolve) => child.once('exit', resolve)) : Promise.resolve(),
        ),
      );
    } else await rm(dataDir, { recursive: true, force: true });
  };
  try {
    const bot = spawnBot({ DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'info' });
    children.push(bot);
    const botPort = await waitForListening(bot);

    const playgroundPort = await freePort();
    const require = createRequire(import.meta.url);
    const cli = path.join(path.dirname(require.resolve('@microsoft/m365agentsplayground/package.json')), 'cli.js');
    const playground = spawn(
      process.execPath,
      [
        '--require',
        path.join(REPO_ROOT, 'scripts/playground-loopback.cjs'),
        cli,
        'start',
        '--app-endpoint',
        `http://127.0.0.1:${botPort}/api/messages`,
        '--channel-id',
        'msteams',
        '--port',
        String(playgroundPort),
        '--disable-telemetry',
      ],
      {
        cwd: configDirectory,
        env: {
          ...process.env,
          TEAMSAPPTESTER_BROWSER: 'none',
          M365_AGENTS_PLAYGROUND_LOGFILE: path.join(dataDir, 'playground.log'),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    children.push(playground);
    await new Promise<void>((resolve, reject) => {
      let output = '';
      const timer = setTimeout(() => reject(new Error(`the playground did not start: ${output}`)), 60_000);
      playground.stdout?.on('data', (chunk) => {
        output += chunk;
        if (output.includes(`Listening on ${playgroundPort}`)) {
          clearTimeout(timer);
          resolve();
        }
      });
      playground.once('exit', (code) => reject(new Error(`the playground exited (${code}): ${output}`)));
    });

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`http://127.0.0.1:${playgroundPort}`);
    await mkdir(SCREENSHOTS, { recursive: true });
    return { page, dataDir, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Types a message into the playground's chat box and sends it, as a person would. */
export async function say(page: Page, text: string): Promise<void> {
  const editor = page.locator('[data-lexical-editor=true]');
  await editor.click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
}

/**
 * A picture of one card (for docs/screenshots), written to test-results/. A card taller than the
 * window is shown from its top, as an admin first sees it.
 */
export async function screenshotCard(card: Locator, name: string): Promise<void> {
  await card.evaluate((element) => element.scrollIntoView({ block: 'start' }));
  const box = await card.boundingBox();
  const viewport = card.page().viewportSize();
  if (!box || !viewport) throw new Error(`card ${name} is not visible`);
  const top = Math.max(box.y, 0);
  const clip = { x: box.x, y: top, width: box.width, height: Math.min(box.height, viewport.height - top) };
  await card.page().screenshot({ path: path.join(SCREENSHOTS, `card-${name}.png`), clip });
}

/**
 * The hooks every browser suite needs around one playground session: skipped when Chromium is
 * missing (a failure under CI=true, see browserAvailable), the session stopped after the suite,
 * and a screenshot of the page for each failed test. `ready` runs once the session is up (wait
 * for the greeting, say). Answers a getter for the running session.
 */
export function usePlaygroundSession(
  ready?: (session: PlaygroundSession) => Promise<void>,
  options: SessionOptions = {},
): () => PlaygroundSession {
  let session: PlaygroundSession | undefined;
  before(async function () {
    if (!browserAvailable()) this.skip();
    session = await startPlaygroundSession(options);
    await ready?.(session);
  });
  after(async () => session?.stop());
  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && session)
      await screenshot(session.page, `failed-${this.currentTest.title.replace(/\W+/g, '-')}`);
  });
  return () => {
    if (!session) throw new Error('the playground session is not running');
    return session;
  };
}
