import { z } from 'zod';
import { recognize } from '../language/recognizer.js';
import { StoreWriteError } from '../store/accountStore.js';
import type { ConversationCatalog } from './catalog.js';
import { notSavedCard } from './changes.js';
import { commandFromSubmit, type Request } from './commands.js';
import { CANCEL_VERB, malformedCard, personalChatOnlyCard } from './forms.js';
import type { CardJson, MemberTurn } from './turn.js';
import type { ExportedFile } from './fileExports.js';

/**
 * What happens to a member's message or card click once the Teams layer has said who they are:
 * the same for every conversation, so each conversation module holds only its own answers.
 */

/**
 * Longest message read, in characters. Teams allows far longer ones; a request to this bot is a
 * sentence, and past this length a message is a paste or an attack, not a request.
 */
export const MESSAGE_MAX_CHARACTERS = 1_000;

const Verb = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z_]+\.[a-z_]+$/);
const SubmitWithVerb = z.object({ verb: Verb }).passthrough();

/** An Action.Submit fallback: a message whose value carries the verb. */
export function verbFromSubmit(value: unknown): { verb: string; data: Record<string, unknown> } | undefined {
  const parsed = SubmitWithVerb.safeParse(value);
  if (!parsed.success) return undefined;
  const { verb, ...data } = parsed.data;
  return { verb, data };
}

/** A card button with a verb, to the conversation that owns the verb; its answer replaces the card. */
export async function runCardAction(
  catalog: ConversationCatalog,
  turn: MemberTurn,
  verb: unknown,
  data: unknown,
): Promise<CardJson> {
  const handler = typeof verb === 'string' ? catalog.cardAction(verb) : undefined;
  if (!handler || !data || typeof data !== 'object' || Array.isArray(data)) {
    turn.logger.warn({ verb: String(verb).slice(0, 64) }, 'card action not understood');
    return malformedCard(turn);
  }
  // Forms and their outcomes hold personal data: only in the admin's personal chat.
  if (!turn.personal && verb !== CANCEL_VERB) return personalChatOnlyCard(turn);
  try {
    return await handler(turn, data as Record<string, unknown>);
  } catch (error) {
    // Changes report a failed write as an outcome; this covers any other write a handler makes.
    if (error instanceof StoreWriteError) {
      turn.logger.error({ err: { message: error.message } }, 'change could not be saved');
      return notSavedCard(turn);
    }
    throw error;
  }
}

/** A message: typed text, a button's `{ command }`, or an Action.Submit fallback with a verb. */
export interface IncomingMessage {
  text?: unknown;
  value?: unknown;
  /** The sender is an invited user whose identity this very message linked. */
  joined: boolean;
}

export async function handleMessage(
  catalog: ConversationCatalog,
  turn: MemberTurn,
  message: IncomingMessage,
): Promise<void> {
  // Action.Submit from a form (clients without Action.Execute): same handler, card posted as a reply.
  const submitted = verbFromSubmit(message.value);
  if (submitted) {
    turn.logger.info(
      { verb: submitted.verb, tenantId: turn.organization.tenantId, userId: turn.user.id },
      'card submit',
    );
    await turn.sendCard(await runCardAction(catalog, turn, submitted.verb, submitted.data));
    return;
  }
  // A file attached (a CSV of users): read by the conversation that reads files, whatever the text says.
  if (turn.files.length > 0 && (await catalog.readFiles(turn))) return;
  const text = typeof message.text === 'string' ? message.text : undefined;
  if (text && text.length > MESSAGE_MAX_CHARACTERS) {
    turn.logger.warn(
      { length: text.length, tenantId: turn.organization.tenantId, userId: turn.user.id },
      'message too long',
    );
    await turn.say(turn.t.t('limits.messageTooLong', { max: MESSAGE_MAX_CHARACTERS }));
    return;
  }
  const request: Request = commandFromSubmit(message.value) ?? {
    ...recognize(text, { users: turn.organization.read().users, customers: turn.organization.read().customers }),
    ...(text ? { text } : {}),
  };
  // "Make me a billing admin": the admin writing is the one the request is about.
  if (request.entities.self && !request.userId) request.userId = turn.user.id;
  turn.flows.startedVia = request.via;
  turn.logger.info({ intent: request.intent, tenantId: turn.organization.tenantId, userId: turn.user.id }, 'message');
  if (message.joined) {
    // Their first message: the greeting answers "hi"; a real request is answered after it.
    await catalog.greet(turn, 'joined');
    if (request.intent === 'none' || request.intent === 'help') return;
  }
  // A name typed while the user picker is open is a search, not a new request.
  if (request.intent === 'none' && text && (await catalog.readFreeText(turn, text))) return;
  await catalog.intentHandler(request.intent)(turn, request);
}

const ExportRequestShape = z.object({
  export: z.string().min(1).max(64),
  params: z.record(z.string().max(200)).refine((params) => Object.keys(params).length <= 10),
});

/**
 * An accepted file consent (issue 22): the export it names, built for the acting admin now. The
 * consent card's context comes back from the client: read as untrusted input, like card data.
 * Answers the file, or the card that says why there is none.
 */
export async function runFileExport(
  catalog: ConversationCatalog,
  turn: MemberTurn,
  context: unknown,
): Promise<ExportedFile | CardJson> {
  const parsed = ExportRequestShape.safeParse(context);
  const build = parsed.success ? catalog.fileExport(parsed.data.export) : undefined;
  if (!parsed.success || !build) {
    turn.logger.warn('file consent not understood');
    return malformedCard(turn);
  }
  if (!turn.personal) return personalChatOnlyCard(turn);
  return build(turn, parsed.data.params);
}
