/**
 * Scripted tests send turns faster than any person: they run with the per-person throttle opened
 * wide unless they pass their own USER_TURN_* values. The throttle itself is tested with the
 * production defaults (test/security/limits.test.ts).
 */
export const UNTHROTTLED = { USER_TURN_BURST: '1000000', USER_TURNS_PER_MINUTE: '10000000' } as const;
