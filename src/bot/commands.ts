import { z } from 'zod';
import { INTENTS, type Understanding } from '../language/intents.js';

/**
 * A card button that starts a task (`Action.Submit` with `{ command }`, and for a task about a
 * user, `userId`): the help card, "add another user", "change roles". Validated; anything else is
 * not a command. The user id is only a choice of whom the task is about: it is looked up in the
 * acting admin's own organization, and the policy decides what they may do.
 */
const CommandSubmit = z.object({ command: z.enum(INTENTS), userId: z.string().min(1).max(64).optional() });

export interface CommandRequest extends Understanding {
  userId?: string;
}

export function commandFromSubmit(value: unknown): CommandRequest | undefined {
  const parsed = CommandSubmit.safeParse(value);
  if (!parsed.success) return undefined;
  return { intent: parsed.data.command, ...(parsed.data.userId ? { userId: parsed.data.userId } : {}) };
}
