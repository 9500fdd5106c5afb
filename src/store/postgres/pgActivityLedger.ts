import type { ActivityLedger } from '../activityLedger.js';
import type { Pool } from './database.js';

/** How long an activity id is remembered: far longer than Teams keeps re-sending one. */
const KEPT = '1 day';
/** Forgetting old ids is done now and then, not on every claim. */
const SWEEP_EVERY = 1_000;

/** Every instance on one database: the first INSERT of an activity id wins. */
export class PgActivityLedger implements ActivityLedger {
  private claims = 0;

  constructor(private readonly pool: Pool) {}

  async claim(conversationId: string, activityId: string): Promise<boolean> {
    const inserted = await this.pool.query(
      'INSERT INTO handled_activities (conversation_id, activity_id) VALUES ($1, $2) ON CONFLICT DO NOTHING',
      [conversationId.slice(0, 512), activityId.slice(0, 512)],
    );
    this.claims += 1;
    if (this.claims % SWEEP_EVERY === 0)
      await this.pool.query(`DELETE FROM handled_activities WHERE handled_at < now() - interval '${KEPT}'`);
    return inserted.rowCount === 1;
  }
}
