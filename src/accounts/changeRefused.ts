import type { Decision, PolicyAction } from '../domain/policy.js';

/**
 * Thrown from inside a store change when the policy, asked again against the latest data at the
 * moment of the change, says no. The store then changes nothing; the dialog explains the decision
 * and records the refusal in the audit log.
 */
export class ChangeRefusedError extends Error {
  constructor(
    readonly decision: Extract<Decision, { allowed: false }>,
    /** What was refused, so the refusal can name who may do it. */
    readonly action?: PolicyAction,
  ) {
    super(`Refused by policy: ${decision.reason}`);
    this.name = 'ChangeRefusedError';
  }
}

/** The card the admin acted on is older than the record it would change (someone else changed it since). */
export class StaleChangeError extends Error {
  constructor(readonly targetId: string) {
    super(`User ${targetId} changed since the card was shown`);
    this.name = 'StaleChangeError';
  }
}

/** The user the change is about is not (or no longer) in this organization. */
export class UnknownUserError extends Error {
  constructor(readonly userId: string) {
    super(`No user ${userId} in this organization`);
    this.name = 'UnknownUserError';
  }
}

/**
 * What the admin typed is not valid against the data as it is at the moment of the change (an
 * email another admin just took, a PartnerID linked elsewhere). Each change function throws its own
 * subclass, carrying what is wrong in the shape its form shows.
 */
export class InvalidChangeError extends Error {}
