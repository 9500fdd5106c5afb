import type { Translator } from '../i18n/index.js';

/**
 * A moment (a grant's end, a request's expiry) as the reader reads it: in their time zone when the
 * turn knows it (Teams sends it with each message), in UTC, said so, in messages the bot starts
 * itself.
 */
export function formatMoment(t: Translator, at: string, timeZone?: string): string {
  const text = new Intl.DateTimeFormat(t.language, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: timeZone ?? 'UTC',
  }).format(new Date(at));
  return timeZone ? text : `${text} UTC`;
}
