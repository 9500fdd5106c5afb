import { z } from 'zod';
import { ROLE_IDS } from '../domain/roles.js';
import { INTENTS } from '../language/intents.js';
import type { Recognition } from '../language/recognizer.js';

/**
 * What one message asks for: what the recognizer read in the text, or a card button that starts a
 * task (`Action.Submit` with `{ command }`, and for a task about a user or a role, `userId` /
 * `roleId`): the help card, "did you mean", "add another user", "change roles". Button data is
 * validated; anything else is not a command. The user id is only a choice of whom the task is
 * about: it is looked up in the acting admin's own organization, and the policy decides what they
 * may do.
 */
const CommandSubmit = z.object({
  command: z.enum(INTENTS),
  userId: z.string().min(1).max(64).optional(),
  customerId: z.string().min(1).max(64).optional(),
  topic: z
    .string()
    .regex(/^[a-z_]{1,40}$/)
    .optional(),
  roleId: z.enum(ROLE_IDS).optional(),
  via: z.enum(['checklist']).optional(),
});

export interface Request extends Pick<Recognition, 'intent' | 'entities' | 'suggestions' | 'mood' | 'unsure'> {
  /** A user chosen on a card, by id. */
  userId?: string;
  /** A customer chosen on a card, by id (looked up in the admin's own organization, like a user). */
  customerId?: string;
  /** A how-to topic chosen on a card (its id in the collection). */
  topic?: string;
  /** The message as typed, for conversations that look something up in it (a customer's name). */
  text?: string;
  /** The card the button was on, when the task should lead back to it (the onboarding checklist). */
  via?: 'checklist';
}

export function commandFromSubmit(value: unknown): Request | undefined {
  const parsed = CommandSubmit.safeParse(value);
  if (!parsed.success) return undefined;
  const { command, userId, customerId, topic, roleId, via } = parsed.data;
  return {
    intent: command,
    entities: roleId ? { roles: [roleId] } : {},
    ...(userId ? { userId } : {}),
    ...(customerId ? { customerId } : {}),
    ...(topic ? { topic } : {}),
    ...(via ? { via } : {}),
  };
}
