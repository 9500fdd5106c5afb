import { rm } from 'node:fs/promises';
import { loadConfig, type AppConfig } from '../../src/config.js';
import type { ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import { createLogger, type Logger } from '../../src/logger.js';
import { createAdapter } from '../../src/teams/adapter.js';
import { createBotApplication } from '../../src/app.js';
import { startServer, type RunningServer } from '../../src/server.js';
import { FileAccountStore } from '../../src/store/fileAccountStore.js';
import { FileStateStorage } from '../../src/store/fileStateStorage.js';
import { prepareStore } from '../../src/store/bootstrap.js';
import { makeTempDir } from './tempDir.js';
import { UNTHROTTLED } from './unthrottled.js';

export interface HttpBot {
  dir: string;
  config: AppConfig;
  store: FileAccountStore;
  server: RunningServer;
  post(body: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any; text: string }>;
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
}

export async function startHttpBot(env: NodeJS.ProcessEnv = {}, options: HttpBotOptions = {}): Promise<HttpBot> {
  const dir = await makeTempDir();
  const config = loadConfig({ DATA_DIR: dir, PORT: '0', LOG_LEVEL: 'silent', ...UNTHROTTLED, ...env });
  const logger = options.logger ?? createLogger('silent');
  const store = await FileAccountStore.open(dir);
  await prepareStore(store, config, logger);
  const storage = await FileStateStorage.open(dir);
  const adapter = createAdapter(config, options.authOverrides);
  const app = createBotApplication({
    config,
    store,
    storage,
    logger,
    adapter,
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
    async stop() {
      await server.close();
      await store.flush();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
