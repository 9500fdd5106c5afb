/**
 * Runs the turns of one conversation one after another. Teams AI loads the conversation state at
 * the start of a turn and saves it at the end; two turns of the same conversation at once (a
 * double click on a form's button) would both start from the same state, and the second would not
 * see that the first already finished the form. Turns of different conversations still run in
 * parallel. Entries are dropped as soon as a conversation has nothing queued, so memory follows
 * the number of conversations active right now.
 */
export class ConversationQueue {
  private readonly tails = new Map<string, Promise<void>>();

  run(conversationId: string | undefined, turn: () => Promise<void>): Promise<void> {
    if (!conversationId) return turn();
    const previous = this.tails.get(conversationId) ?? Promise.resolve();
    const current = previous.then(turn, turn);
    const tail = current.catch(() => undefined);
    this.tails.set(conversationId, tail);
    void tail.then(() => {
      if (this.tails.get(conversationId) === tail) this.tails.delete(conversationId);
    });
    return current;
  }

  get size(): number {
    return this.tails.size;
  }
}
