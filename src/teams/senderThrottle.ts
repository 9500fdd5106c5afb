/**
 * Turns per person, as a token bucket: each sender may send `burst` activities at once, then
 * `perMinute` a minute. A flood from one person (a script, a stuck client, someone hammering a
 * refused button, which would fill the audit log) is turned away before it reaches the store,
 * while everyone else's turns go on as usual: buckets are per sender, not global.
 *
 * The first refused turn is answered ("slow down"); the ones after it until the bucket refills
 * are dropped without a message, so the flood does not turn into a flood of replies.
 */
export interface ThrottleSettings {
  burst: number;
  perMinute: number;
}

export type ThrottleVerdict = 'admit' | 'refuse_and_tell' | 'refuse_quietly';

interface Bucket {
  tokens: number;
  at: number;
  told: boolean;
}

/** Above this many senders tracked, full buckets (people who are idle) are forgotten. */
const SWEEP_ABOVE = 10_000;
const SWEEP_EVERY_MS = 1_000;

export class SenderThrottle {
  private readonly buckets = new Map<string, Bucket>();
  private readonly refillPerMs: number;
  /** When idle buckets were last looked for: at most once a second, never on every turn. */
  private sweptAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly settings: ThrottleSettings,
    private readonly now: () => number = Date.now,
  ) {
    this.refillPerMs = settings.perMinute / 60_000;
  }

  take(sender: string): ThrottleVerdict {
    const now = this.now();
    // Before this sender's bucket is touched: a sweep must not drop the bucket being charged.
    if (this.buckets.size > SWEEP_ABOVE && now - this.sweptAt >= SWEEP_EVERY_MS) this.sweep(now);
    const bucket = this.buckets.get(sender) ?? { tokens: this.settings.burst, at: now, told: false };
    bucket.tokens = Math.min(this.settings.burst, bucket.tokens + (now - bucket.at) * this.refillPerMs);
    bucket.at = now;
    this.buckets.set(sender, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      bucket.told = false;
      return 'admit';
    }
    if (bucket.told) return 'refuse_quietly';
    bucket.told = true;
    return 'refuse_and_tell';
  }

  get size(): number {
    return this.buckets.size;
  }

  private sweep(now: number): void {
    for (const [sender, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.at) * this.refillPerMs >= this.settings.burst) this.buckets.delete(sender);
    }
    this.sweptAt = now;
  }
}
