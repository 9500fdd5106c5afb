import { MemoryStorage } from 'botbuilder';
import { Application } from '@microsoft/teams-ai';
import { createAdapter } from '../../src/teams/adapter.js';
import { loadConfigOrExit } from '../../src/startupConfig.js';
import { createLogger } from '../../src/logger.js';
import { startServer } from '../../src/server.js';

/**
 * The benchmark's baseline: a bare Teams AI Application that echoes each message, with
 * MemoryStorage and no account store, behind the very server and adapter the bot uses (restify,
 * body limit, request ids, the same error handling). What it costs is the floor of our stack.
 */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger(config.logLevel);
  const adapter = createAdapter(config);
  const application = new Application({ adapter, storage: new MemoryStorage(), startTypingTimer: false });
  application.activity('message', async (context) => {
    await context.sendActivity(`echo: ${context.activity.text}`);
  });
  const noStore = { health: () => ({ ok: true, organizations: 0 }), checkStorage: async () => true };
  const server = await startServer({
    config,
    logger,
    adapter,
    app: { run: (context) => application.run(context).then(() => undefined) },
    store: noStore,
  });
  process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
}

main().catch((error: unknown) => {
  process.stderr.write(`echo bot stopped: ${(error as Error)?.message ?? String(error)}\n`);
  process.exit(1);
});
