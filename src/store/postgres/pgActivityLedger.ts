import type { ActivityLedger } from '../activityLedger.js';
import type { Pool } from './database.js';

/** How long an activity id is remembered: far longer than Teams keeps re-sending one. */
const KEPT = '1 day';
/** Forgetting old ids is done now and then, not on every claim. */
const SWEEP_EVERY = 1_000;

/**
 * An id as the database keeps it and hands it back (cut to 512 characters, as UTF-8: a lone
 * surrogate becomes U+FFFD; NUL, which PostgreSQL text cannot hold, too), so the ids RETURNING
 * answers match the claims, and one hostile id cannot fail the statement the others share.
 */
function asStored(id: string): string {
  return Buffer.from(id.slice(0, 512), 'utf8').toString('utf8').replaceAll('\0', '\uFFFD');
}

interface Claim {
  conversationId: string;
  activityId: string;
  answer: (first: boolean) => void;
  fail: (error: unknown) => void;
}

/**
 * Every instance on one database: the first INSERT of an activity id wins.
 *
 * Every turn claims its activity, so claims that arrive while one is on its way to the database
 * wait for it and go together in the next statement (one round trip for all of them).
 */
export class PgActivityLedger implements ActivityLedger {
  private claims = 0;
  private waiting: Claim[] = [];
  private sending = false;

  constructor(private readonly pool: Pool) {}

  claim(conversationId: string, activityId: string): Promise<boolean> {
    return new Promise<boolean>((answer, fail) => {
      this.waiting.push({
        conversationId: asStored(conversationId),
        activityId: asStored(activityId),
        answer,
        fail,
      });
      if (!this.sending) void this.send();
    });
  }

  private async send(): Promise<void> {
    this.sending = true;
    while (this.waiting.length > 0) {
      const batch = this.waiting;
      this.waiting = [];
      try {
        // The same id twice in one batch: the first is the claim, the second a repeat.
        const { rows } = await this.pool.query<{ conversation_id: string; activity_id: string }>(
          `INSERT INTO handled_activities (conversation_id, activity_id)
           SELECT DISTINCT c, a FROM unnest($1::text[], $2::text[]) AS claimed (c, a)
           ON CONFLICT DO NOTHING
           RETURNING conversation_id, activity_id`,
          [batch.map((claim) => claim.conversationId), batch.map((claim) => claim.activityId)],
        );
        const won = new Set(rows.map((row) => `${row.conversation_id}\n${row.activity_id}`));
        for (const claim of batch) claim.answer(won.delete(`${claim.conversationId}\n${claim.activityId}`));
        this.claims += batch.length;
        if (this.claims >= SWEEP_EVERY) {
          this.claims = 0;
          await this.pool
            .query(`DELETE FROM handled_activities WHERE handled_at < now() - interval '${KEPT}'`)
            .catch(() => undefined);
        }
      } catch (error) {
        for (const claim of batch) claim.fail(error);
      }
    }
    this.sending = false;
  }
}
