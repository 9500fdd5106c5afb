import { normalize } from './normalize.js';

interface Named {
  id: string;
  displayName: string;
  email?: string;
  status: string;
}

/**
 * The users an admin means by a name, part of a name, or an email: case and accents do not
 * matter, and every word typed must start a word of the name ("adele", "Adèle V.", "vance").
 * Removed users are not matched, except for questions about the past (history). An exact email
 * wins over names.
 */
export function findUsers<U extends Named>(
  users: readonly U[],
  query: string | undefined,
  limit = 10,
  options: { includeRemoved?: boolean } = {},
): U[] {
  if (!query) return [];
  const wanted = normalize(query).replace(/^(?:the user |user |l utilisateur |utilisateur )/, '');
  if (!wanted) return [];
  const candidates = options.includeRemoved ? users : users.filter((user) => user.status !== 'removed');
  const byEmail = candidates.filter((user) => user.email && user.email === wanted);
  if (byEmail.length > 0) return byEmail;
  const queryWords = wanted.split(' ').filter(Boolean);
  return candidates
    .filter((user) => {
      const nameWords = normalize(user.displayName).split(' ');
      const emailLocal = user.email ? normalize(user.email.split('@')[0] ?? '') : '';
      return queryWords.every(
        (word) =>
          nameWords.some((nameWord) => nameWord.startsWith(word)) || (emailLocal && emailLocal.startsWith(word)),
      );
    })
    .slice(0, limit);
}
