import type { TurnContext } from 'botbuilder';
import type { DefaultConversationState, DefaultTempState, DefaultUserState, TurnState } from '@microsoft/teams-ai';
import type { Translator } from '../i18n/index.js';
import type { Logger } from '../logger.js';
import type { TenantStore } from '../store/accountStore.js';
import type { UserRecord } from '../store/schema.js';
import type { UserFlows } from './flows.js';

/** What the bot keeps per conversation between turns (persisted by FileStateStorage). */
export interface ConversationState extends DefaultConversationState {
  /** Set once the conversation has been greeted, so install + conversationUpdate greet only once. */
  welcomed?: boolean;
  /** The open guided conversation of each user (by user record id); validated when read. */
  flows?: Record<string, unknown>;
  /** The last outcomes of each user's finished flows, for repeated clicks. */
  outcomes?: Record<string, unknown>;
}

export type BotTurnState = TurnState<ConversationState, DefaultUserState, DefaultTempState>;

/** An Adaptive Card, as JSON. */
export type CardJson = Record<string, unknown>;

/** Everything a conversation needs to answer a member of an organization in their language. */
export interface MemberTurn {
  context: TurnContext;
  state: BotTurnState;
  organization: TenantStore;
  /** The acting user, resolved from the activity (never from card data). */
  user: UserRecord;
  t: Translator;
  logger: Logger;
  flows: UserFlows;
  /** A personal (1:1) chat; forms with personal data are only shown there. */
  personal: boolean;
}

export type MemberTurnHandler = (turn: MemberTurn) => Promise<void>;
