import type { Translator } from '../i18n/index.js';
import type { Logger } from '../logger.js';
import type { TenantStore } from '../store/accountStore.js';
import type { UserRecord } from '../store/schema.js';
import type { ConversationCatalog } from './catalog.js';
import type { UserFlows } from './flows.js';

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
  /** A personal (1:1) chat; forms with personal data are only shown there. */
  personal: boolean;
  /** The bot's own id in this conversation, for a link to the personal chat with it. */
  botId: string;
  /** Every conversation of the bot: help entries, tasks about a user, flow kinds. */
  conversations: ConversationCatalog;
  /** Posts a chat message (Markdown). */
  say(text: string): Promise<void>;
  /** Posts a card. */
  sendCard(card: CardJson): Promise<void>;
}

export type MemberTurnHandler = (turn: MemberTurn) => Promise<void>;
