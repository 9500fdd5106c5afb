import type { AccountStore } from '../store/accountStore.js';
import { expireRoles, rolesDue, type RoleEnded } from './expireRoles.js';
import { scheduled, startSchedule, type ScheduleOptions, type ScheduledWork } from './scheduleRunner.js';

/**
 * The ends of time-bound roles as scheduled work (scheduleRunner.ts): the bot takes each role away
 * at its end, once, even with several instances; `onEnded` hears of every role taken away (or kept).
 */
export function roleExpiryWork(
  onEnded?: (tenantId: string, ended: RoleEnded[]) => void | Promise<void>,
): ScheduledWork {
  return scheduled<RoleEnded[]>({
    name: 'role_ends',
    due: rolesDue,
    change: expireRoles,
    onDone: (tenantId, ended) => onEnded?.(tenantId, ended),
  });
}

export interface RoleExpiryRunner {
  /** One pass now, over every organization (`all`) or the open ones; resolves with what ended. */
  runOnce(all?: boolean): Promise<RoleEnded[]>;
  stop(): void;
}

/** Only the role ends, on their own schedule (what the unit tests drive). */
export function startRoleExpiries(
  store: AccountStore,
  options: ScheduleOptions & { onEnded?: (tenantId: string, ended: RoleEnded[]) => void | Promise<void> } = {},
): RoleExpiryRunner {
  const runner = startSchedule(store, [roleExpiryWork(options.onEnded)], options);
  return {
    runOnce: async (all) => (await runner.runOnce(all)).flatMap((done) => done.result as RoleEnded[]),
    stop: () => runner.stop(),
  };
}
