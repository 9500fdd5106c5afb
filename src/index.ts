import { loadConfigOrExit } from './startupConfig.js';
import { createLogger } from './logger.js';
import { createAdapter } from './teams/adapter.js';
import { createBotApplication, createProactive, startScheduledWork } from './app.js';
import { prepareLanguageModels } from './language/models.js';
import { startServer } from './server.js';
import { openStores, type Stores } from './store/openStores.js';
import { prepareStore } from './store/bootstrap.js';
import { StoreValidationError, StoreWriteError } from './store/accountStore.js';
import { UnreadableFileError } from './store/durableJsonFile.js';

/**
 * Starts the bot: configuration, account store (validated), conversation state, adapter, server.
 * Any problem found at start-up stops the process with a message that says what to fix.
 */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger(config.logLevel);

  let stores: Stores;
  try {
    stores = await openStores(config);
  } catch (error) {
    if (error instanceof StoreValidationError || error instanceof UnreadableFileError) {
      logger.fatal({ file: error.file }, error.message);
      process.stderr.write(`Partner Admin bot cannot start: the account store is not valid.\n${error.message}\n`);
      process.exit(1);
    }
    // The database cannot be reached or migrated: say so without the connection URL (it holds a password).
    if (config.databaseUrl && !(error instanceof StoreValidationError)) {
      logger.fatal({ err: { name: (error as Error).name, code: (error as { code?: string }).code } }, 'database');
      process.stderr.write(
        `Partner Admin bot cannot start: the PostgreSQL database (DATABASE_URL) cannot be used: ${(error as Error).message}\n`,
      );
      process.exit(1);
    }
    throw error;
  }
  const { store, storage } = stores;
  logger.info({ backend: stores.backend, migrated: stores.migrated }, 'account store open');
  try {
    await prepareStore(store, config, logger);
  } catch (error) {
    // Disk full or read-only at start-up: stay up (what is on disk can still be read), say so in
    // /healthz and the log; the organization is created at the next start once the disk is fixed.
    if (!(error instanceof StoreWriteError)) throw error;
    logger.error(
      { err: { name: error.name } },
      'could not write to the data directory at start-up; running, /healthz reports it',
    );
  }
  // Trained from the repository's corpus before the first message, not during it.
  logger.info({ ms: Math.round(prepareLanguageModels()) }, 'language models ready');
  const adapter = createAdapter(config);
  const proactive = createProactive({ adapter, storage, config, logger });
  const app = createBotApplication({ config, store, storage, logger, adapter, ledger: stores.ledger, proactive });
  const server = await startServer({ config, logger, adapter, app, store, storage });
  // Time-bound roles end on time, and at start-up for any whose end passed while the bot was down.
  const expiries = startScheduledWork(store, proactive, logger);
  if (config.mode === 'local') {
    logger.warn(
      'local mode: Bot Framework authentication is off, listening on loopback only, demo organization loaded',
    );
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing in-flight turns and writes');
    expiries.stop();
    await server.close();
    await stores.close();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Partner Admin bot stopped on an unexpected error: ${(error as Error)?.message ?? String(error)}\n`,
  );
  process.exit(1);
});
