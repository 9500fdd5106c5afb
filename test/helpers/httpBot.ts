import { loadConfig, type AppConfig } from '../../src/config.js';
import type { ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import { createLogger, type Logger } from '../../src/logger.js';
import { createAdapter } from '../../src/teams/adapter.js';
import { createBotApplication } from '../../src/app.js';
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
  const app = createBotApplication({
    config,
    store,
    storage,
    logger,
    adapter,
    ledger,
    ...(options.teamsRoster ? {} : { memberLookup: async () => undefined }),
  });
  const server = await startServer({ config, logger, adapter, app, store, storage });
  return {
    dir,
    config,
    store,
    server,
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
      await server.close();
      await opened.close();
      await place.drop();
    },
  };
}
