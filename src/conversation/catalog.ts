import { INTENTS, type Intent } from '../language/intents.js';
import type { Request } from './commands.js';
import { decideIn } from '../accounts/organizationView.js';
import type { CardActionHandler, Conversation, IntentHandler, Occasion, OfferGate } from './descriptor.js';
import type { FlowDefinition } from './flows.js';
import type { FileExport } from './fileExports.js';
import type { ConversationDirectory, HelpEntry, MemberTurn, UserTask } from './turn.js';

/** A verb is `<area>.<step>`, in lower case: short enough to log, impossible to confuse with data. */
export const VERB_PATTERN = /^[a-z_]+\.[a-z_]+$/;

/**
 * All the bot's conversations, assembled from the list in the composition root and checked once
 * at start-up: every intent (and "none") is answered by exactly one conversation, and verbs, flow
 * kinds and user tasks each belong to one. A mistake here stops start-up with the names involved,
 * instead of a message or a button that silently does nothing.
 */
export class ConversationCatalog implements ConversationDirectory {
  private readonly intents = new Map<Intent | 'none', IntentHandler>();
  private readonly actions = new Map<string, CardActionHandler>();
  private readonly exports = new Map<string, FileExport>();
  private readonly tasks = new Map<string, UserTask>();
  private readonly gates = new Map<Intent, OfferGate>();
  readonly flowDefinitions = new Map<string, FlowDefinition>();
  readonly helpEntries: readonly HelpEntry[];

  constructor(readonly conversations: readonly Conversation[]) {
    const owners = new Map<string, string>();
    const claim = (what: string, by: Conversation) => {
      const owner = owners.get(what);
      if (owner) throw new Error(`Conversations "${owner}" and "${by.name}" both claim ${what}`);
      owners.set(what, by.name);
    };
    for (const conversation of conversations) {
      for (const [intent, handler] of Object.entries(conversation.intents ?? {}) as [
        Intent | 'none',
        IntentHandler,
      ][]) {
        claim(`intent ${intent}`, conversation);
        this.intents.set(intent, handler);
      }
      for (const [verb, handler] of Object.entries(conversation.cardActions ?? {})) {
        if (!VERB_PATTERN.test(verb)) throw new Error(`Conversation "${conversation.name}": bad verb "${verb}"`);
        claim(`verb ${verb}`, conversation);
        this.actions.set(verb, handler);
      }
      for (const [name, build] of Object.entries(conversation.exports ?? {})) {
        claim(`export ${name}`, conversation);
        this.exports.set(name, build);
      }
      for (const definition of conversation.flows ?? []) {
        claim(`flow kind ${definition.kind}`, conversation);
        this.flowDefinitions.set(definition.kind, definition);
      }
      for (const [intent, gate] of Object.entries(conversation.offeredWhen ?? {}) as [Intent, OfferGate][]) {
        if (!conversation.intents?.[intent])
          throw new Error(`Conversation "${conversation.name}" gates ${intent}, which it does not answer`);
        this.gates.set(intent, gate);
      }
      for (const task of conversation.userTasks ?? []) {
        claim(`user task ${task.purpose}`, conversation);
        this.tasks.set(task.purpose, task);
      }
    }
    const unanswered = [...INTENTS, 'none' as const].filter((intent) => !this.intents.has(intent));
    if (unanswered.length > 0) throw new Error(`No conversation answers: ${unanswered.join(', ')}`);
    this.helpEntries = conversations
      .flatMap((conversation) => conversation.help ?? [])
      .sort((a, b) => a.order - b.order);
  }

  intentHandler(intent: Intent | 'none'): IntentHandler {
    // Checked complete in the constructor.
    return this.intents.get(intent) as IntentHandler;
  }

  /** Answers as if the admin had asked for `intent`: how one conversation hands over to another. */
  async answer(turn: MemberTurn, intent: Intent, entities: Request['entities'] = {}): Promise<void> {
    await this.intentHandler(intent)(turn, { intent, entities });
  }

  fileExport(name: string): FileExport | undefined {
    return this.exports.get(name);
  }

  cardAction(verb: string): CardActionHandler | undefined {
    return this.actions.get(verb);
  }

  /** Every verb a card can carry: the whole surface a card can reach. */
  verbs(): string[] {
    return [...this.actions.keys()];
  }

  userTask(purpose: string): UserTask | undefined {
    return this.tasks.get(purpose);
  }

  offers(turn: MemberTurn, intent: Intent, targetId?: string): boolean {
    const target = targetId ? turn.organization.userById(targetId) : undefined;
    const action = this.gates.get(intent)?.(target);
    return !action || decideIn(turn.organization.read(), turn.user, action).allowed;
  }

  async greet(turn: MemberTurn, occasion: Occasion): Promise<void> {
    for (const conversation of this.conversations) await conversation.greet?.(turn, occasion);
  }

  /** Files attached to a message, to the conversation that reads them; false when none does. */
  async readFiles(turn: MemberTurn): Promise<boolean> {
    for (const conversation of this.conversations)
      if (conversation.readsFiles && (await conversation.readsFiles(turn))) return true;
    return false;
  }

  async readFreeText(turn: MemberTurn, text: string): Promise<boolean> {
    for (const conversation of this.conversations) {
      if (await conversation.readsFreeText?.(turn, text)) return true;
    }
    return false;
  }

  async afterTurn(turn: MemberTurn): Promise<void> {
    for (const conversation of this.conversations) await conversation.afterTurn?.(turn);
  }
}
