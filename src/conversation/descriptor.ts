import type { PolicyAction, PolicyUser } from '../domain/policy.js';
import type { Intent } from '../language/intents.js';
import type { Request } from './commands.js';
import type { FileExport } from './fileExports.js';
import type { FlowDefinition } from './flows.js';
import type { CardJson, HelpEntry, MemberTurn, UserTask } from './turn.js';

/**
 * What one conversation module exports: everything the bot needs to know about it, in one value.
 * The composition root (src/app.ts) lists these; the catalog (catalog.ts) checks that together
 * they answer every intent exactly once and that no two claim the same verb, flow kind or task.
 */
export interface Conversation {
  /** A short name, for errors and logs ("add-user"). */
  name: string;
  /** The intents it answers (what the recognizer read, or a button's `{ command }`), and how. */
  intents?: Partial<Record<Intent | 'none', IntentHandler>>;
  /** Files it builds for the admin to download (issue 22), by export name: sent after consent. */
  exports?: Record<string, FileExport>;
  /** Its card buttons: each verb (`<area>.<step>`) and the handler whose card replaces the one clicked. */
  cardActions?: Record<string, CardActionHandler>;
  /** The kinds of flow (open form) it keeps between turns. */
  flows?: readonly FlowDefinition[];
  /**
   * What the policy must allow before a button offers one of its intents (the help card, "did you
   * mean", "which one did you mean"): a task the admin would only be refused is not offered.
   * `target` is the person the message named, when it named one. Intents without one are offered
   * to everyone.
   */
  offeredWhen?: Partial<Record<Intent, OfferGate>>;
  /** Its buttons on the help card; lower `order` first. */
  help?: readonly HelpEntry[];
  /** What it asks the policy (src/domain/policy.ts), so each of these has rows in the policy's tests. */
  policy: readonly PolicyAction['type'][];
  /** Tasks about one user, which the user picker opens once the user is chosen. */
  userTasks?: readonly UserTask[];
  /** Its words when a chat starts with the bot, or an invited user first writes; in list order. */
  greet?: (turn: MemberTurn, occasion: Occasion) => Promise<void>;
  /** Files attached to a message (a CSV of users): true if this conversation took them. */
  readsFiles?: (turn: MemberTurn) => Promise<boolean>;
  /** Text no intent matched: true if this conversation took it (a name typed into the open picker). */
  readsFreeText?: (turn: MemberTurn, text: string) => Promise<boolean>;
  /** After every turn of a member, whatever the turn was (the onboarding completion is recorded here). */
  afterTurn?: (turn: MemberTurn) => Promise<void>;
}

export type Occasion = 'new_chat' | 'joined';

export type OfferGate = (target?: PolicyUser) => PolicyAction | undefined;

export type IntentHandler = (turn: MemberTurn, request: Request) => Promise<void>;

/**
 * A card button with a verb: the Action.Execute invoke and its Action.Submit fallback both come
 * with the verb and the card's data (its own data plus the inputs). The handler answers with the
 * card that replaces the one clicked (or is posted, for Action.Submit).
 */
export type CardActionHandler = (turn: MemberTurn, data: Record<string, unknown>) => Promise<CardJson>;

/** Builds a task with its details' type checked against its schema. */
export function userTask<Details>(task: UserTask<Details>): UserTask {
  return task;
}
