import * as chrono from 'chrono-node';

/**
 * Moments and lengths in a request (issue 21): "until Friday 18:00", "pour 2 heures", "jusqu'à
 * demain midi" (an end), "by a day", "2 more hours", "une semaine de plus" (a length). Read by
 * chrono-node in the admin's language, then the other, against the admin's own clock and time
 * zone. Only a clear moment counts: a time of day, or a length from now. A day alone ("until
 * Wednesday") is not one: the bot asks rather than guess an hour.
 */
export interface TimeReading {
  /** The moment named, as an ISO instant. */
  at: string;
  /** True when the message gave a length ("for 2 hours", "by a day") rather than a moment. */
  relative: boolean;
}

/** The zone's offset from UTC at `at`, in minutes (chrono takes minutes, not IANA names). */
function offsetMinutes(timeZone: string, at: Date): number {
  try {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    }).formatToParts(at);
    const part = (type: string) => Number(parts.find((each) => each.type === type)?.value);
    const local = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'));
    return Math.round((local - at.getTime() - at.getUTCSeconds() * 1000) / 60_000);
  } catch {
    return 0;
  }
}

/** Words chrono does not read as we mean them: noon and midnight, "N more hours", "de plus". */
function normalized(text: string): string {
  return text
    .toLowerCase()
    .replace(/\bmidi\b/g, '12h00')
    .replace(/\bminuit\b/g, '0h00')
    .replace(/\bnoon\b/g, '12:00')
    .replace(/\b(?:for )?the rest of the day\b/g, 'until 23:59')
    .replace(/\b(?:pour |pendant )?le reste de la journ[ée]e\b/g, "jusqu'à 23h59")
    .replace(
      /\b(?:pour|pendant|durant|for)\s+(\d+)\s*h\s*(\d+)\b/g,
      (_, hours: string, minutes: string) => `pour ${Number(hours) * 60 + Number(minutes)} minutes`,
    )
    .replace(/\b(\d+)\s*h\s+max\b/g, 'pour $1 heures')
    .replace(/\b(\d+|an?|one|another)\s+more\s+(minutes?|hours?|days?|weeks?)\b/g, 'for $1 $2')
    .replace(/\b(une?|\d+)\s+(minutes?|heures?|jours?|semaines?)\s+de plus\b/g, 'pour $1 $2')
    .replace(/\bby\s+(\d+|an?|one)\s+(minutes?|hours?|days?|weeks?|h)\b/g, 'for $1 $2')
    .replace(/\bby\s+(\d+)\s*h\b/g, 'for $1 hours');
}

/** Lengths too vague to act on: the bot asks instead. */
const VAGUE = /\b(couple|few|several|quelques|plusieurs|end of (the )?week|fin de (la )?semaine)\b/i;

export function readTime(text: string, language: 'en' | 'fr', now: Date, timeZone = 'UTC'): TimeReading | undefined {
  if (VAGUE.test(text)) return undefined;
  const reference = { instant: now, timezone: offsetMinutes(timeZone, now) };
  const parsers = language === 'fr' ? [chrono.fr, chrono.en] : [chrono.en, chrono.fr];
  const input = normalized(text);
  for (const parser of parsers) {
    for (const result of parser.parse(input, reference, { forwardDate: true })) {
      const relative = result.start.tags().has('result/relativeDate');
      if (!relative && !result.start.isCertain('hour')) continue;
      const at = result.start.date();
      if (at.getTime() <= now.getTime()) continue;
      return { at: at.toISOString(), relative };
    }
  }
  return undefined;
}

/** The end a grant names, if it names a clear one. */
export function findEnd(text: string, language: 'en' | 'fr', now: Date, timeZone?: string): string | undefined {
  return readTime(text, language, now, timeZone)?.at;
}

/** An extension: a length to add ("by a day": milliseconds), or a new end ("until Friday 18:00"). */
export function findExtension(
  text: string,
  language: 'en' | 'fr',
  now: Date,
  timeZone?: string,
): { byMs: number } | { until: string } | undefined {
  const reading = readTime(text, language, now, timeZone);
  if (!reading) return undefined;
  return reading.relative ? { byMs: Date.parse(reading.at) - now.getTime() } : { until: reading.at };
}

/**
 * The days a request for a file names (issue 22): "from 1 October to 15 November", "in October",
 * "du 1er au 15 novembre", "last week". Days as YYYY-MM-DD in the admin's time zone; `to` included.
 * Only what the words say: a start alone ("since September") leaves the end open.
 */
export function findDateRange(
  text: string,
  language: 'en' | 'fr',
  now: Date,
  timeZone = 'UTC',
): { from?: string; to?: string } | undefined {
  const reference = { instant: now, timezone: offsetMinutes(timeZone, now) };
  const parsers = language === 'fr' ? [chrono.fr, chrono.en] : [chrono.en, chrono.fr];
  const day = (date: Date) => {
    const local = new Date(date.getTime() + offsetMinutes(timeZone, date) * 60_000);
    return local.toISOString().slice(0, 10);
  };
  // "last week", "la semaine dernière": Monday to Sunday before this week.
  if (/\b(last week|previous week|semaine derni[eè]re|semaine passee|semaine passée)\b/i.test(text)) {
    const today = new Date(day(now) + 'T12:00:00Z');
    const monday = new Date(today.getTime() - (((today.getUTCDay() + 6) % 7) + 7) * 86_400_000);
    const sunday = new Date(monday.getTime() + 6 * 86_400_000);
    return { from: monday.toISOString().slice(0, 10), to: sunday.toISOString().slice(0, 10) };
  }
  // chrono reads "octobre", not "d'octobre".
  const input = text.replace(/\b[dl]['’](?=\p{L})/giu, 'de ');
  for (const parser of parsers) {
    const results = parser.parse(input, reference, { forwardDate: false });
    if (results.length === 0) continue;
    const [first, second] = results;
    if (first!.end) return { from: day(first!.start.date()), to: day(first!.end.date()) };
    if (second) return { from: day(first!.start.date()), to: day(second.start.date()) };
    if (/\b(since|depuis|from|à partir d|a partir d)\b/i.test(text)) return { from: day(first!.start.date()) };
    // "in October": a month without a day is the whole month.
    if (first!.start.isCertain('month') && !first!.start.isCertain('day')) {
      const start = first!.start.date();
      const last = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 0, 12));
      return { from: day(new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), 1, 12))), to: day(last) };
    }
    return { from: day(first!.start.date()), to: day(first!.start.date()) };
  }
  // A month named alone ("l'historique d'octobre", which chrono's French does not read): the whole
  // month, its most recent one up to now.
  const folded = text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  const month = MONTHS.findIndex((names) => names.some((name) => new RegExp(`\\b${name}\\b`).test(folded)));
  if (month < 0) return undefined;
  const thisYear = Number(day(now).slice(0, 4));
  const year = month + 1 > Number(day(now).slice(5, 7)) ? thisYear - 1 : thisYear;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const pad = (value: number) => String(value).padStart(2, '0');
  return { from: `${year}-${pad(month + 1)}-01`, to: `${year}-${pad(month + 1)}-${pad(last)}` };
}

const MONTHS: readonly (readonly string[])[] = [
  ['january', 'janvier'],
  ['february', 'fevrier'],
  ['march', 'mars'],
  ['april', 'avril'],
  // "may" is also a verb ("may I export…"): a month only after a preposition.
  ['(?<=(?:in|for|of|during) )may', 'mai'],
  ['june', 'juin'],
  ['july', 'juillet'],
  ['august', 'aout'],
  ['september', 'septembre'],
  ['october', 'octobre'],
  ['november', 'novembre'],
  ['december', 'decembre'],
];
