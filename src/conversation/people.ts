import { findUsers } from '../language/userMentions.js';
import type { UserRecord } from '../store/schema.js';
import type { Request } from './commands.js';
import { escapeMarkdown } from './text.js';
import type { MemberTurn } from './turn.js';

/**
 * Whom a request is about, and the one user an answer is about: the same reading for every
 * conversation (lookups, history, tasks about a user).
 */
export interface Who {
  text?: string;
  userId?: string;
}

/**
 * Whom a request is about: a user chosen on a card, the one user the message names, or else the
 * words it used for them (a shared first name, an unknown name, an email), for the picker to search.
 */
export function whoOf(request: Request, options: { emails: boolean } = { emails: true }): Who | undefined {
  if (request.userId) return { userId: request.userId };
  const [only, ...others] = request.entities.people ?? [];
  if (only && others.length === 0) return { userId: only.id };
  const text = request.entities.person ?? (options.emails ? request.entities.emails?.[0] : undefined);
  return text ? { text } : undefined;
}

/** The one user the request is about, if exactly one: chosen on a card, the admin ("make me…"), or named. */
export function onlyPersonNamed(request: Request): string | undefined {
  if (request.userId) return request.userId;
  const [only, ...others] = request.entities.people ?? [];
  return only && others.length === 0 ? only.id : undefined;
}

/**
 * The one user an answer is about: a user id from a button, or a name, part of one or an email.
 * None or several: the admin is told (the several listed) and undefined comes back. Removed users
 * are found only for questions about the past (history).
 */
export async function oneUserNamed(
  turn: MemberTurn,
  who: Who,
  options: { includeRemoved?: boolean } = {},
): Promise<UserRecord | undefined> {
  const { t } = turn;
  const byId = who.userId ? turn.organization.userById(who.userId) : undefined;
  const matches = byId ? [byId] : findUsers(turn.organization.read().users, who.text, 10, options);
  const query = escapeMarkdown((who.text ?? '').slice(0, 100));
  if (matches.length === 0) {
    await turn.say(t.t('lookup.noSuchUser', { query }));
    return undefined;
  }
  if (matches.length > 1) {
    const names = matches.map(
      (user) => `- ${escapeMarkdown(user.displayName)}${user.email ? ` (${escapeMarkdown(user.email)})` : ''}`,
    );
    await turn.say(`${t.t('lookup.severalUsers', { query })}\n\n${names.join('\n')}`);
    return undefined;
  }
  return matches[0];
}
