/**
 * Which activities have been handled. Teams sends an activity again when it got no answer in about
 * 15 seconds, possibly to another instance: a message is handled once, whichever instance receives
 * it again. (A card click is safe twice already: the flow it belongs to answers the second click
 * with the outcome of the first.)
 */
export interface ActivityLedger {
  /** True the first time an activity is claimed (by any instance sharing this ledger), false after. */
  claim(conversationId: string, activityId: string): Promise<boolean>;
}

/** One process: the ids of recent activities, in memory, the oldest forgotten first. */
export class MemoryActivityLedger implements ActivityLedger {
  private readonly seen = new Set<string>();

  constructor(private readonly capacity = 50_000) {}

  async claim(conversationId: string, activityId: string): Promise<boolean> {
    const key = `${conversationId}\n${activityId}`;
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    if (this.seen.size > this.capacity) this.seen.delete(this.seen.values().next().value as string);
    return true;
  }
}
