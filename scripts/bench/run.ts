import { fork, spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../../src/paths.js';
import { messageActivity } from '../../test/helpers/activities.js';
import type { ConversationPlan, DriverPlan, DriverResult } from './loadDriver.js';
import {
  ACTORS_PER_ORGANIZATION,
  GLOBAL_ADMINS_PER_ORGANIZATION,
  displayNameOf,
  emailDomainOf,
  objectIdOf,
  dropSchema,
  seedDatabase,
  seedStore,
  spread,
  tenantIdOf,
  userIdOf,
} from './seedStore.js';
import { formatTable } from './stats.js';
import { summarizeProfiles } from './profileSummary.js';
import { measureStoreWrites, type StoreWriteResult } from './storeWrites.js';

/** Writes straight on the store, 32 writers at 10,000 users: what each backend takes by itself. */
const STORE_WRITES: readonly { backend: 'lowdb' | 'postgres'; writers: number; instances: number }[] = [
  { backend: 'lowdb', writers: 32, instances: 1 },
  { backend: 'postgres', writers: 32, instances: 1 },
  { backend: 'postgres', writers: 32, instances: 2 },
];

function storeWritesTable(rows: readonly StoreWriteResult[]): string {
  return formatTable([
    ['store writes (no bot), 10k users', 'writers', 'changes/s', 'p50 ms', 'p99 ms'],
    ...rows.map((row) => [
      `${row.backend}${row.instances > 1 ? `, ${row.instances} instances` : ''}`,
      String(row.writers),
      row.changesPerSecond.toFixed(0),
      row.p50Ms.toFixed(1),
      row.p99Ms.toFixed(1),
    ]),
  ]);
}

/**
 * `npm run bench`: the baseline (a bare Teams AI echo bot behind our server) and the bot itself,
 * each in its own process, each driven over HTTP on 127.0.0.1 by a load generator in another
 * process; a table on stdout and the whole result as JSON in bench-results/.
 *
 * Settings (environment): BENCH_DURATION_MS per phase (default 6000), BENCH_WARMUP_MS (1500),
 * BENCH_MAX_TURNS per phase (60000), BENCH_CONVERSATIONS (32), BENCH_PROFILE=1 to also write a CPU
 * profile of each bot process (node --cpu-prof) and print where its time went, BENCH_DATABASE_URL
 * (default: the tests' database) for the same scenarios on PostgreSQL, BENCH_ONLY to run only the
 * scenarios whose name contains it ("[postgres]", "read").
 */
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 6000);
const WARMUP_MS = Number(process.env.BENCH_WARMUP_MS ?? 1500);
const MAX_TURNS = Number(process.env.BENCH_MAX_TURNS ?? 60_000);
const CONVERSATIONS = Math.max(32, Number(process.env.BENCH_CONVERSATIONS ?? 32));
const SPEAKERS_PER_GROUP_CHAT = 4;
const PROFILE = process.env.BENCH_PROFILE === '1';
/** Only the scenarios whose name (with its backend: "read: … [postgres]") contains this; the baseline always runs. */
const ONLY = process.env.BENCH_ONLY ?? '';
const RESULTS_DIR = path.join(REPO_ROOT, 'bench-results');
const STARTUP_TIMEOUT_MS = 120_000;
/** The PostgreSQL server the second half runs on (a schema of its own per scenario, dropped after). */
const DATABASE_URL =
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  'postgres://partner_admin:partner_admin@127.0.0.1:5432/partner_admin_test';

interface Measured {
  scenario: string;
  users: number;
  organizations: number;
  conversations: number;
  driver: DriverResult;
  startupMs: number;
  rssAfterStartupMb: number;
  rssAfterLoadMb: number;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

/** Resident memory of a process, from Linux's /proc (NaN elsewhere). */
async function rssMb(pid: number): Promise<number> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
    return kb / 1024;
  } catch {
    return Number.NaN;
  }
}

interface BotProcess {
  child: ChildProcess;
  url: string;
  startupMs: number;
  stop(): Promise<void>;
}

/**
 * Starts a server process and waits for its first answered turn: the time from spawn to that
 * answer is the start-up time an admin would feel after a deploy or a crash.
 */
async function startProcess(
  name: string,
  script: string,
  env: Record<string, string>,
  firstTurn: Record<string, unknown>,
  logFile: string,
): Promise<BotProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const log = await open(logFile, 'w');
  const profileArgs = PROFILE
    ? ['--cpu-prof', `--cpu-prof-dir=${path.join(RESULTS_DIR, 'profiles')}`, `--cpu-prof-name=${name}.cpuprofile`]
    : [];
  const started = performance.now();
  const child = spawn(process.execPath, [...profileArgs, script], {
    cwd: REPO_ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOST: '127.0.0.1',
      PORT: String(port),
      USER_TURN_BURST: '1000000',
      USER_TURNS_PER_MINUTE: '10000000',
      ...env,
    },
    stdio: ['ignore', log.fd, log.fd],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} stopped during start-up (see ${logFile})`);
    if (performance.now() - started > STARTUP_TIMEOUT_MS)
      throw new Error(`${name} did not answer within ${STARTUP_TIMEOUT_MS} ms`);
    try {
      const response = await fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(firstTurn),
      });
      const body = (await response.json()) as { activities?: unknown[] };
      if (response.status === 200 && (body.activities?.length ?? 0) > 0) break;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const startupMs = performance.now() - started;
  return {
    child,
    url,
    startupMs,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
      await log.close();
    },
  };
}

function runDriver(plan: DriverPlan): Promise<DriverResult> {
  return new Promise((resolve, reject) => {
    const driver = fork(path.join(REPO_ROOT, 'dist/scripts/bench/loadDriver.js'), {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    driver.once('message', (message: { result?: DriverResult; error?: string }) => {
      if (message.result) resolve(message.result);
      else reject(new Error(`load driver failed: ${message.error}`));
    });
    driver.once('exit', (code) => {
      if (code !== 0) reject(new Error(`load driver exited with ${code}`));
    });
    driver.send(plan);
  });
}

function speaker(organizationIndex: number, userIndex: number) {
  return { name: displayNameOf(userIndex), aadObjectId: objectIdOf(organizationIndex, userIndex) };
}

/** The user management admins of an organization (the actors), never more than it has. */
function actorIndex(slot: number, organizationSize: number): number {
  const actors = Math.min(ACTORS_PER_ORGANIZATION, organizationSize - GLOBAL_ADMINS_PER_ORGANIZATION);
  return GLOBAL_ADMINS_PER_ORGANIZATION + (slot % actors);
}

/** Users a write conversation may change: everyday users (report viewers), a disjoint slice per conversation. */
function roleTargets(slot: number, slots: number, organizationSize: number): string[] {
  const targets: string[] = [];
  const first = GLOBAL_ADMINS_PER_ORGANIZATION + ACTORS_PER_ORGANIZATION;
  for (let index = first; index < organizationSize && targets.length < 50; index += 1) {
    // Report viewers (see seedStore's EVERYDAY_ROLES), dealt out to the conversations in turn.
    if (index % 11 === 0 && Math.floor(index / 11) % slots === slot) targets.push(userIdOf(index));
  }
  return targets;
}

function firstTurnFor(organizationIndex: number, size: number): Record<string, unknown> {
  return messageActivity(speaker(organizationIndex, actorIndex(0, size)), "what's my role?", {
    tenantId: tenantIdOf(organizationIndex),
    conversationId: `startup-${organizationIndex}`,
  });
}

interface Scenario {
  name: string;
  sizes: number[];
  conversations: (sizes: number[]) => ConversationPlan[];
}

function readConversations(sizes: number[]): ConversationPlan[] {
  const size = sizes[0] as number;
  return Array.from({ length: CONVERSATIONS }, (_, slot) => ({
    kind: 'read' as const,
    tenantId: tenantIdOf(0),
    conversationId: `19:read-${slot}@thread.v2`,
    conversationType: 'groupChat' as const,
    speakers: Array.from({ length: SPEAKERS_PER_GROUP_CHAT }, (_, seat) =>
      speaker(0, actorIndex(slot * SPEAKERS_PER_GROUP_CHAT + seat, size)),
    ),
  }));
}

/** Write conversations: personal chats of user management admins; with several organizations, half in the largest. */
function writeConversations(sizes: number[]): ConversationPlan[] {
  return Array.from({ length: CONVERSATIONS }, (_, slot) => {
    const organizationIndex = sizes.length === 1 || slot % 2 === 0 ? 0 : 1 + (((slot - 1) / 2) % (sizes.length - 1));
    const size = sizes[organizationIndex] as number;
    const sameOrganization = sizes.length === 1 ? CONVERSATIONS : organizationIndex === 0 ? CONVERSATIONS / 2 : 1;
    const seat = sizes.length === 1 ? slot : organizationIndex === 0 ? slot / 2 : 0;
    const actor = speaker(organizationIndex, actorIndex(seat, size));
    return {
      kind: 'write' as const,
      tenantId: tenantIdOf(organizationIndex),
      conversationId: `a:write-${slot}`,
      conversationType: 'personal' as const,
      speakers: [actor],
      roleTargets: roleTargets(seat, Math.ceil(sameOrganization), size),
      emailDomain: emailDomainOf(organizationIndex),
    };
  });
}

const SCENARIOS: Scenario[] = [
  { name: 'read: my role / global admins, 10k users', sizes: [10_000], conversations: readConversations },
  { name: 'write: add user + change roles, 1k users', sizes: [1_000], conversations: writeConversations },
  { name: 'write: add user + change roles, 10k users', sizes: [10_000], conversations: writeConversations },
  {
    name: 'write: add user + change roles, 100k users / 500 orgs',
    sizes: spread(100_000, 500, 10_000),
    conversations: writeConversations,
  },
];

function plan(url: string, conversations: ConversationPlan[], tag: string): DriverPlan {
  return { url, conversations, warmupMs: WARMUP_MS, durationMs: DURATION_MS, maxTurns: MAX_TURNS, tag };
}

async function measureBaseline(work: string): Promise<Measured> {
  const processLog = path.join(work, 'baseline.log');
  const firstTurn = messageActivity({ name: 'Bench', aadObjectId: objectIdOf(0, 0) }, 'hello', {
    conversationId: 'startup',
  });
  const bot = await startProcess(
    'baseline',
    path.join(REPO_ROOT, 'dist/scripts/bench/echoBot.js'),
    { DATA_DIR: path.join(work, 'baseline'), LOG_LEVEL: 'info' },
    firstTurn,
    processLog,
  );
  try {
    const rssAfterStartupMb = await rssMb(bot.child.pid as number);
    const conversations: ConversationPlan[] = Array.from({ length: CONVERSATIONS }, (_, slot) => ({
      kind: 'echo',
      tenantId: tenantIdOf(0),
      conversationId: `a:echo-${slot}`,
      conversationType: 'personal',
      speakers: [speaker(0, slot)],
    }));
    const driver = await runDriver(plan(bot.url, conversations, 'baseline'));
    return {
      scenario: 'baseline: Teams AI echo bot',
      users: 0,
      organizations: 0,
      conversations: CONVERSATIONS,
      driver,
      startupMs: bot.startupMs,
      rssAfterStartupMb,
      rssAfterLoadMb: await rssMb(bot.child.pid as number),
    };
  } finally {
    await bot.stop();
  }
}

async function measureScenario(
  work: string,
  scenario: Scenario,
  index: number,
  backend: 'lowdb' | 'postgres' = 'lowdb',
): Promise<Measured> {
  const dataDir = path.join(work, `store-${index}-${backend}`);
  const schema = `bench_${process.pid}_${index}`;
  const env: Record<string, string> = { DATA_DIR: dataDir, LOG_LEVEL: 'info' };
  await mkdir(dataDir, { recursive: true });
  try {
    if (backend === 'postgres') env.DATABASE_URL = await seedDatabase(DATABASE_URL, schema, scenario.sizes);
    else await seedStore(dataDir, scenario.sizes);
  } catch (error) {
    if (backend === 'postgres') await dropSchema(DATABASE_URL, schema);
    throw error;
  }
  const bot = await startProcess(
    `bot-${index}-${backend}`,
    path.join(REPO_ROOT, 'dist/src/index.js'),
    env,
    firstTurnFor(0, scenario.sizes[0] as number),
    path.join(work, `bot-${index}.log`),
  );
  try {
    const rssAfterStartupMb = await rssMb(bot.child.pid as number);
    const driver = await runDriver(plan(bot.url, scenario.conversations(scenario.sizes), `r${index}`));
    return {
      scenario: `${scenario.name} [${backend}]`,
      users: scenario.sizes.reduce((sum, size) => sum + size, 0),
      organizations: scenario.sizes.length,
      conversations: CONVERSATIONS,
      driver,
      startupMs: bot.startupMs,
      rssAfterStartupMb,
      rssAfterLoadMb: await rssMb(bot.child.pid as number),
    };
  } finally {
    await bot.stop();
    await rm(dataDir, { recursive: true, force: true });
    if (backend === 'postgres') await dropSchema(DATABASE_URL, schema);
  }
}

/** Whether the PostgreSQL server of BENCH_DATABASE_URL answers (else the bench runs on lowdb only, and says so). */
async function postgresAnswers(): Promise<boolean> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: DATABASE_URL, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(1) : '–');

function tables(results: Measured[]): string {
  const baseline = results[0] as Measured;
  const summary = [
    [
      'scenario',
      'turns/s',
      'vs baseline',
      'changes/s',
      'p50 ms',
      'p95 ms',
      'p99 ms',
      'start-up ms',
      'RSS start MB',
      'RSS after MB',
      'unexpected',
    ],
    ...results.map((result) => [
      result.scenario,
      result.driver.turnsPerSecond.toFixed(0),
      `${((100 * result.driver.turnsPerSecond) / baseline.driver.turnsPerSecond).toFixed(0)}%`,
      result.driver.acceptedChanges > 0 ? result.driver.acceptedPerSecond.toFixed(0) : '',
      ms(result.driver.overall.p50),
      ms(result.driver.overall.p95),
      ms(result.driver.overall.p99),
      result.startupMs.toFixed(0),
      result.rssAfterStartupMb.toFixed(0),
      result.rssAfterLoadMb.toFixed(0),
      String(result.driver.unexpected),
    ]),
  ];
  const detail = [
    ['scenario / turn', 'turns/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'p99 vs baseline'],
    ...results.flatMap((result) =>
      Object.entries(result.driver.labels).map(([label, value]) => [
        `${result.scenario.split(':')[0]} ${result.users ? `${result.users / 1000}k` : ''} · ${label}`,
        value.turnsPerSecond.toFixed(0),
        ms(value.latency.p50),
        ms(value.latency.p95),
        ms(value.latency.p99),
        ms(value.latency.max),
        `${(value.latency.p99 / baseline.driver.overall.p99).toFixed(1)}×`,
      ]),
    ),
  ];
  return `${formatTable(summary)}\n\n${formatTable(detail)}`;
}

async function main(): Promise<void> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'partner-admin-bench-'));
  await mkdir(RESULTS_DIR, { recursive: true });
  if (PROFILE) await rm(path.join(RESULTS_DIR, 'profiles'), { recursive: true, force: true });
  const began = performance.now();
  const results: Measured[] = [];
  const storeWrites: StoreWriteResult[] = [];
  try {
    process.stdout.write(
      `bench: ${CONVERSATIONS} conversations, ${DURATION_MS} ms per phase after ${WARMUP_MS} ms warm-up, ${os.cpus().length} CPUs, Node ${process.version}\n`,
    );
    results.push(await measureBaseline(work));
    process.stdout.write(`  baseline done\n`);
    const backends: ('lowdb' | 'postgres')[] = ['lowdb'];
    if (await postgresAnswers()) backends.push('postgres');
    else process.stdout.write(`  (no PostgreSQL at BENCH_DATABASE_URL: lowdb only)\n`);
    for (const backend of backends)
      for (const [index, scenario] of SCENARIOS.entries()) {
        if (ONLY && !`${scenario.name} [${backend}]`.includes(ONLY)) continue;
        results.push(await measureScenario(work, scenario, index, backend));
        process.stdout.write(`  ${scenario.name} [${backend}] done\n`);
      }
    for (const plan of STORE_WRITES) {
      if (!backends.includes(plan.backend) || (ONLY && !`store writes [${plan.backend}]`.includes(ONLY))) continue;
      storeWrites.push(
        await measureStoreWrites({ ...plan, users: 10_000, durationMs: DURATION_MS, databaseUrl: DATABASE_URL }),
      );
      process.stdout.write(`  store writes [${plan.backend}, ${plan.instances} instance(s)] done\n`);
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  const report = {
    at: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      memoryGb: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
    },
    settings: {
      conversations: CONVERSATIONS,
      durationMs: DURATION_MS,
      warmupMs: WARMUP_MS,
      maxTurns: MAX_TURNS,
      speakersPerGroupChat: SPEAKERS_PER_GROUP_CHAT,
    },
    totalSeconds: (performance.now() - began) / 1000,
    results,
    storeWrites,
  };
  const file = path.join(RESULTS_DIR, 'latest.json');
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(
    `\n${tables(results)}\n\n${storeWritesTable(storeWrites)}\n\nwritten to ${path.relative(REPO_ROOT, file)} (${report.totalSeconds.toFixed(0)} s)\n`,
  );
  if (PROFILE) process.stdout.write(`\n${await summarizeProfiles(path.join(RESULTS_DIR, 'profiles'))}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
});
