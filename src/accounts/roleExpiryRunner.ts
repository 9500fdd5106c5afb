import type { AccountStore } from '../store/accountStore.js';
import { expireRoles, NothingDueError, rolesDue, type RoleEnded } from './expireRoles.js';

/**
 * Runs the expiries of time-bound roles: at start-up over every organization (a restart after an
 * end takes the role away then), and every `intervalMs` over the organizations open in this
 * instance, plus every organization once an hour. Time comes from `clock`, so tests move it. On
 * PostgreSQL several instances may run it at once: each expiry is a store change made against
 * the latest data, so a role is taken away once.
 */
export interface RoleExpiryRunner {
  /** One pass now, over every organization (`all`) or the open ones; resolves with what ended. */
  runOnce(all?: boolean): Promise<RoleEnded[]>;
  stop(): void;
}

export interface RoleExpiryOptions {
  clock?: () => Date;
  intervalMs?: number;
  fullSweepMs?: number;
  /** Told of every role taken away (or kept), for alerts. */
  onEnded?: (tenantId: string, ended: RoleEnded[]) => void | Promise<void>;
  onError?: (error: unknown) => void;
}

export function startRoleExpiries(store: AccountStore, options: RoleExpiryOptions = {}): RoleExpiryRunner {
  const clock = options.clock ?? (() => new Date());
  let stopped = false;
  let lastFullSweep = 0;
  let running: Promise<RoleEnded[]> | undefined;

  async function pass(all: boolean): Promise<RoleEnded[]> {
    const now = clock().toISOString();
    const ended: RoleEnded[] = [];
    for (const tenantId of await store.tenantIds()) {
      const tenant = all ? await store.current(tenantId) : store.organization(tenantId);
      if (!tenant || !rolesDue(tenant.read(), now)) continue;
      try {
        const result = await tenant.change((current) => expireRoles(current, now));
        ended.push(...result);
        if (result.length > 0) await options.onEnded?.(tenantId, result);
      } catch (error) {
        if (!(error instanceof NothingDueError)) options.onError?.(error);
      }
    }
    return ended;
  }

  const runOnce = (all = false): Promise<RoleEnded[]> => {
    // One pass at a time: a slow pass is not overtaken by the next tick.
    running ??= pass(all).finally(() => (running = undefined));
    return running;
  };

  const tick = () => {
    if (stopped) return;
    const full = clock().getTime() - lastFullSweep >= (options.fullSweepMs ?? 3_600_000);
    if (full) lastFullSweep = clock().getTime();
    runOnce(full).catch((error: unknown) => options.onError?.(error));
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
