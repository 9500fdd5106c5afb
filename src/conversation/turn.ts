import type { z } from 'zod';
import type { PolicyAction } from '../domain/policy.js';
import type { Translator } from '../i18n/index.js';
import type { Intent } from '../language/intents.js';
import type { Logger } from '../logger.js';
import type { TenantStore } from '../store/accountStore.js';
import type { UserRecord } from '../store/schema.js';
import type { FlowDefinition, UserFlows } from './flows.js';
import type { Notifier } from './notifier.js';
import type { ExportRequest } from './fileExports.js';
import type { Download, IncomingFile } from './incomingFiles.js';

/** An Adaptive Card, as JSON. */
export type CardJson = Record<string, unknown>;

/**
 * Everything a conversation needs to answer a member of an organization in their language. It
 * says nothing of Teams: the Teams layer (src/teams/) builds it from an activity, so a
 * conversation reads the same whatever carries it.
 */
export interface MemberTurn {
  organization: TenantStore;
  /** The acting user, resolved from the activity (never from card data). */
  user: UserRecord;
  t: Translator;
  logger: Logger;
  flows: UserFlows;
  /** The admin's time zone (IANA, as their Teams client sends it), for times shown to them; UTC when unknown. */
  timeZone: string;
  /** A personal (1:1) chat; forms with personal data are only shown there. */
  personal: boolean;
  /** The bot's own id in this conversation, for a link to the personal chat with it. */
  botId: string;
  /** What the bot's other conversations offer this one: help entries, tasks about a user, hand-overs. */
  conversations: ConversationDirectory;
  /** Posts a chat message (Markdown). */
  say(text: string): Promise<void>;
  /** Posts a card. */
  sendCard(card: CardJson): Promise<void>;
  /** Writes to other members in their personal chats (alerts), where Teams lets the bot. */
  notifier: Notifier;
  /**
   * Offers a file in this (personal) chat: Teams shows a consent card; when the admin accepts, the
   * export named is built again and uploaded (fileExports.ts).
   */
  offerFile(offer: { name: string; description: string; sizeInBytes: number; request: ExportRequest }): Promise<void>;
  /** Files attached to this message (personal chat), and how to read one of them (incomingFiles.ts). */
  files: readonly IncomingFile[];
  download(file: IncomingFile): Promise<Download>;
}

export type MemberTurnHandler = (turn: MemberTurn) => Promise<void>;

/**
 * What a conversation may ask of the others, through the kit: the catalog (catalog.ts) implements
 * it. Conversations never import each other; they hand over through this.
 */
export interface ConversationDirectory {
  readonly helpEntries: readonly HelpEntry[];
  readonly flowDefinitions: ReadonlyMap<string, FlowDefinition>;
  userTask(purpose: string): UserTask | undefined;
  /** Answers as if the admin had asked for `intent`. */
  answer(turn: MemberTurn, intent: Intent): Promise<void>;
  /** Whether a button may offer `intent` to this admin (about `targetId`, when a person is named): the policy would let them use it. */
  offers(turn: MemberTurn, intent: Intent, targetId?: string): boolean;
}

export interface HelpEntry {
  intent: Intent;
  order: number;
}

/**
 * A task about one user ("change Adele's roles", "remove Diego"): when the request does not name
 * exactly one user, the picker asks whom, then opens the task with the user chosen and the details
 * the request carried ("make X a billing admin" keeps the role).
 */
export interface UserTask<Details = unknown> {
  purpose: string;
  /** What the policy is asked before the picker is shown; may depend on the request ("make me a Global admin" names its role). */
  opens(details: Details): PolicyAction;
  /** The audit action of the change it leads to (a refused start is audited). */
  attemptedAction: string;
  /** The details kept while the picker is open; validated when read back from the state. */
  details: z.ZodType<Details>;
  open(turn: MemberTurn, target: UserRecord, details: Details): Promise<CardJson>;
}
