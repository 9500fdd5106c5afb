import { rm } from 'node:fs/promises';
import { TestAdapter, type Activity } from 'botbuilder';
import { loadConfig, type AppConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { createBotApplication } from '../../src/app.js';
import type { MemberLookup } from '../../src/teams/access.js';
import type { Notifier } from '../../src/conversation/notifier.js';
import { FileAccountStore } from '../../src/store/fileAccountStore.js';
import { FileStateStorage, type StateStorage } from '../../src/store/fileStateStorage.js';
import { prepareStore } from '../../src/store/bootstrap.js';
import { makeTempDir } from './tempDir.js';
import { UNTHROTTLED } from './unthrottled.js';

export interface Harness {
  dir: string;
  store: FileAccountStore;
  config: AppConfig;
  /** Runs one activity through the bot and returns what it sent back. */
  send(activity: Record<string, unknown>): Promise<Partial<Activity>[]>;
  /** A new bot process on the same data directory (store and conversation state), as after a restart. */
  restart(): Promise<Harness>;
  cleanup(): Promise<void>;
}

export interface HarnessOptions {
  /** Reuse a data directory (to test restarts). */
  dir?: string;
  /** Delete `dir` on cleanup even though it was given (a restarted harness owns its predecessor's directory). */
  ownsDir?: boolean;
  env?: NodeJS.ProcessEnv;
  memberLookup?: MemberLookup;
  /** Wraps the conversation state (to make another instance write it at the wrong moment). */
  wrapStorage?: (storage: StateStorage) => StateStorage;
  /** Records the messages the bot starts itself (alerts, approval cards) instead of nobody being reachable. */
  notifier?: Notifier;
}

/**
 * The real Teams AI Application, the real lowdb store and file-backed conversation state in a
 * temporary directory, driven by botbuilder's TestAdapter. Only the Teams roster lookup (a call
 * to Microsoft's cloud) is replaced, by `memberLookup`.
 */
export async function createHarness(options: HarnessOptions = {}): Promise<Harness> {
  const dir = options.dir ?? (await makeTempDir());
  const config = loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent', ...UNTHROTTLED, ...options.env });
  const logger = createLogger('silent');
  const store = await FileAccountStore.open(dir);
  await prepareStore(store, config, logger, '2026-11-20T09:00:00.000Z');
  const fileStorage = await FileStateStorage.open(dir);
  const storage = options.wrapStorage ? options.wrapStorage(fileStorage) : fileStorage;
  const app = createBotApplication({
    config,
    store,
    storage,
    logger,
    memberLookup: options.memberLookup ?? (async () => undefined),
    ...(options.notifier ? { notifier: options.notifier } : {}),
  });
  const adapter = new TestAdapter(async (context) => {
    await app.run(context);
  });
  return {
    dir,
    store,
    config,
    async send(activity) {
      const { deliveryMode: _ignored, ...rest } = activity;
      adapter.activeQueue.splice(0);
      await adapter.processActivity(rest);
      return adapter.activeQueue.splice(0);
    },
    async restart() {
      await store.flush();
      return createHarness({ ...options, dir, ownsDir: options.ownsDir ?? !options.dir });
    },
    async cleanup() {
      await store.flush();
      if (!options.dir || options.ownsDir) await rm(dir, { recursive: true, force: true });
    },
  };
}
