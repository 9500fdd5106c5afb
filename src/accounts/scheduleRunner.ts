import type { AccountStore, ChangeOutcome } from '../store/accountStore.js';
import type { OrganizationFile } from '../store/schema.js';
import { NothingDueError } from './expireRoles.js';

/**
 * What the bot does on its own at a given time (issue 21): a time-bound role's end, a request's
 * expiry after 24 hours, a review's reminder, the monthly review. Each is a store change made
 * against the latest data and throws NothingDueError when there is nothing left to do, so with
 * several instances sharing PostgreSQL each due item is claimed once: the change that wrote it is
 * the only one told (`onDone`), and only it sends the alerts.
 *
 * Runs at start-up over every organization (what fell due while the bot was down happens then),
 * every `intervalMs` over the organizations open in this instance, and every `fullSweepMs` over
 * all. Time comes from `clock`, so tests move it.
 */
export interface ScheduledWork<T = unknown> {
  name: string;
  /** Cheap: whether anything is due in this document at `now`. */
  due(document: OrganizationFile, now: string): boolean;
  change(current: OrganizationFile, now: string): ChangeOutcome<T>;
  onDone?(tenantId: string, result: T): void | Promise<void>;
}

export interface Done {
  work: string;
  tenantId: string;
  result: unknown;
}

export interface ScheduleRunner {
  /** One pass now, over every organization (`all`) or the open ones; resolves with what was done. */
  runOnce(all?: boolean): Promise<Done[]>;
  stop(): void;
}

export interface ScheduleOptions {
  clock?: () => Date;
  intervalMs?: number;
  fullSweepMs?: number;
  onError?: (error: unknown, work: string) => void;
}

/** Lets each item keep its own result type in a list of several. */
export function scheduled<T>(work: ScheduledWork<T>): ScheduledWork {
  return work;
}

export function startSchedule(
  store: AccountStore,
  work: readonly ScheduledWork[],
  options: ScheduleOptions = {},
): ScheduleRunner {
  const clock = options.clock ?? (() => new Date());
  let stopped = false;
  let lastFullSweep = 0;
  let running: Promise<Done[]> | undefined;

  async function pass(all: boolean): Promise<Done[]> {
    const now = clock().toISOString();
    const done: Done[] = [];
    for (const tenantId of await store.tenantIds()) {
      const tenant = all ? await store.current(tenantId) : store.organization(tenantId);
      if (!tenant) continue;
      for (const item of work) {
        if (!item.due(tenant.read(), now)) continue;
        try {
          const result = await tenant.change((current) => item.change(current, now));
          done.push({ work: item.name, tenantId, result });
          await item.onDone?.(tenantId, result);
        } catch (error) {
          if (!(error instanceof NothingDueError)) options.onError?.(error, item.name);
        }
      }
    }
    return done;
  }

  const runOnce = (all = false): Promise<Done[]> => {
    // One pass at a time: a slow pass is not overtaken by the next tick.
    running ??= pass(all).finally(() => (running = undefined));
    return running;
  };

  const tick = () => {
    if (stopped) return;
    const full = clock().getTime() - lastFullSweep >= (options.fullSweepMs ?? 3_600_000);
    if (full) lastFullSweep = clock().getTime();
    runOnce(full).catch((error: unknown) => options.onError?.(error, 'pass'));
  };
  const timer = setInterval(tick, options.intervalMs ?? 30_000);
  timer.unref();
  tick();
  return {
    runOnce,
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}
