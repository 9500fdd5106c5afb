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
