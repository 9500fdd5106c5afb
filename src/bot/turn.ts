import type { TurnContext } from 'botbuilder';
import type { DefaultConversationState, DefaultTempState, DefaultUserState, TurnState } from '@microsoft/teams-ai';
import type { Translator } from '../i18n/index.js';
import type { Logger } from '../logger.js';
import type { TenantStore } from '../store/accountStore.js';
import type { UserRecord } from '../store/schema.js';

/** What the bot keeps per conversation between turns (persisted by FileStateStorage). */
export interface ConversationState extends DefaultConversationState {
  /** Set once the conversation has been greeted, so install + conversationUpdate greet only once. */
  welcomed?: boolean;
}

export type BotTurnState = TurnState<ConversationState, DefaultUserState, DefaultTempState>;

/** Everything a conversation needs to answer a member of an organization in their language. */
export interface MemberTurn {
  context: TurnContext;
  state: BotTurnState;
  organization: TenantStore;
  /** The acting user, resolved from the activity (never from card data). */
  user: UserRecord;
  t: Translator;
  logger: Logger;
}

export type MemberTurnHandler = (turn: MemberTurn) => Promise<void>;
