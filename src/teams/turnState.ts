import type { DefaultConversationState, DefaultTempState, DefaultUserState, TurnState } from '@microsoft/teams-ai';
import type { FlowSlots } from '../conversation/flows.js';

/** What the bot keeps per conversation between turns (persisted by the conversation state storage). */
export interface ConversationState extends DefaultConversationState, FlowSlots {
  /** Set once the conversation has been greeted, so install + conversationUpdate greet only once. */
  welcomed?: boolean;
}

export type BotTurnState = TurnState<ConversationState, DefaultUserState, DefaultTempState>;
