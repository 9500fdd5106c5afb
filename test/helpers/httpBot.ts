import { loadConfig, type AppConfig } from '../../src/config.js';
import type { ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import { createLogger, type Logger } from '../../src/logger.js';
import { createAdapter } from '../../src/teams/adapter.js';
import { createBotApplication, createProactive, startScheduledWork } from '../../src/app.js';
import type { ScheduleRunner } from '../../src/accounts/scheduleRunner.js';
import { startServer, type RunningServer } from '../../src/server.js';
import type { AccountStore } from '../../src/store/accountStore.js';
import { prepareStore } from '../../src/store/bootstrap.js';
import { makeStorePlace, type BackendName } from './backends.js';
import { UNTHROTTLED } from './unthrottled.js';

export interface HttpBot {
  dir: string;
  config: AppConfig;
  store: AccountStore;
  server: RunningServer;
  /** What the bot does on time (role ends, request expiries, reviews), when asked for (`roleEnds`). */
  roleEnds?: ScheduleRunner;
  post(body: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any; text: string }>;
  /** Everything stored for one organization, as text (files and journal, or database rows). */
  stored(tenantId: string): Promise<string>;
  stop(): Promise<void>;
}

/**
 * The real restify server with the real adapter, on an ephemeral loopback port. The Teams roster
 * lookup is off unless `teamsRoster` is set: then the bot's own lookup (botbuilder's TeamsInfo)
 * calls the activity's serviceUrl, which a test points at its own stand-in for the Teams service.
 */
export interface HttpBotOptions {
  teamsRoster?: boolean;
  /** Where botbuilder gets its token-signing keys (see localBotFrameworkAuth.ts). */
  authOverrides?: Partial<ConfigurationBotFrameworkAuthenticationOptions>;
  /** A logger of the test's own (to read what the bot logs). */
  logger?: Logger;
  /** Where the data lives: lowdb files (the default) or a fresh PostgreSQL schema. */
  backend?: BackendName;
  /** Run the ends of time-bound roles, on this clock, telling people through their kept chats. */
  roleEnds?: { clock: () => Date };
}

export async function startHttpBot(env: NodeJS.ProcessEnv = {}, options: HttpBotOptions = {}): Promise<HttpBot> {
  const place = await makeStorePlace(options.backend ?? 'lowdb');
  const dir = place.dataDir;
  const config = loadConfig({ ...place.env, PORT: '0', LOG_LEVEL: 'silent', ...UNTHROTTLED, ...env });
  const logger = options.logger ?? createLogger('silent');
  const opened = await place.open();
  const { store, storage, ledger } = opened;
  await prepareStore(store, config, logger);
  const adapter = createAdapter(config, options.authOverrides);
  const proactive = createProactive({ adapter, storage, config, logger, backoffMs: 10 });
  const app = createBotApplication({
    config,
    store,
    storage,
    logger,
    adapter,
    ledger,
    proactive,
    ...(options.teamsRoster ? {} : { memberLookup: async () => undefined }),
  });
  const server = await startServer({ config, logger, adapter, app, store, storage });
  const roleEnds = options.roleEnds
    ? startScheduledWork(store, proactive, logger, { clock: options.roleEnds.clock, intervalMs: 3_600_000 })
    : undefined;
  return {
    dir,
    config,
    store,
    server,
    roleEnds,
    async post(body, headers = {}) {
      const response = await fetch(`${server.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await response.text();
      let parsed: unknown;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        parsed = undefined;
      }
      return { status: response.status, body: parsed, text };
    },
    stored: (tenantId) => place.snapshot(tenantId),
    async stop() {
      roleEnds?.stop();
      await server.close();
      await opened.close();
      await place.drop();
    },
  };
}
