import { readFileSync } from 'node:fs';
import path from 'node:path';
import i18next, { type i18n } from 'i18next';
import { LOCALES_DIR } from '../paths.js';

/**
 * Every word an admin reads comes from locales/en.json and locales/fr.json, through here.
 * A key missing from a language is a bug, not something to paper over: there is no fallback
 * language, and the test suite checks that both files have the same keys.
 */
export const LANGUAGES = ['en', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];

export interface Translator {
  readonly language: Language;
  t(key: string, values?: Record<string, string | number>): string;
  /** Whether a text exists (for texts keyed by data, such as audit actions, with a general fallback). */
  has(key: string): boolean;
  /** "A, B and C" / "A, B et C"; with "or", "A, B or C" / "A, B ou C". */
  list(items: readonly string[], conjunction?: 'and' | 'or'): string;
}

const locales = new Map<Language, Record<string, unknown>>();

/** A locale file's contents, read once per process (i18next and the command matcher both use it). */
export function loadLocale(language: Language): Record<string, unknown> {
  let locale = locales.get(language);
  if (!locale) {
    locale = JSON.parse(readFileSync(path.join(LOCALES_DIR, `${language}.json`), 'utf8')) as Record<string, unknown>;
    locales.set(language, locale);
  }
  return locale;
}

let instance: i18n | undefined;

function engine(): i18n {
  if (instance) return instance;
  const created = i18next.createInstance();
  void created.init({
    resources: Object.fromEntries(LANGUAGES.map((language) => [language, { translation: loadLocale(language) }])),
    lng: 'en',
    fallbackLng: false,
    initAsync: false,
    returnNull: false,
    // Cards and chat text are Markdown, not HTML: values are escaped for Markdown where they are
    // rendered (see src/bot/text.ts), so HTML-escaping here would only show "&amp;" to admins.
    interpolation: { escapeValue: false },
    missingKeyHandler: false,
    // Logs are JSON lines: no promotional console output from the library.
    showSupportNotice: false,
  });
  instance = created;
  return created;
}

/**
 * Texts without placeholders, nesting or plurals, by language and key: most of a card's words.
 * They come back as they are in the locale file, so i18next (a few microseconds per call, and a
 * card makes dozens of calls) is only asked for texts that need it. null: ask i18next.
 */
const literals = new Map<string, string | null>();

function literalText(language: Language, key: string): string | undefined {
  const cacheKey = `${language}:${key}`;
  let literal = literals.get(cacheKey);
  if (literal === undefined) {
    const raw: unknown = engine().getResource(language, 'translation', key);
    literal = typeof raw === 'string' && !raw.includes('{{') && !raw.includes('$t(') ? raw : null;
    literals.set(cacheKey, literal);
  }
  return literal ?? undefined;
}

/**
 * French elision, after the values are in: "Rôles de Isaiah" → "Rôles d'Isaiah", "le Administrateur
 * général" → "l'Administrateur général", "que Adele" → "qu'Adele". A locale text cannot write it
 * itself, since it depends on the name or role put in. Before a vowel or an h: names with an h are
 * elided ("d'Hugo"), as are the h-words of our texts ("l'historique").
 */
const ELIDED = /(?<![\p{L}\p{N}])(de|le|la|que|De|Le|La|Que) (?=[aeiouàâäéèêëîïôöûùüœæhAEIOUÀÂÄÉÈÊËÎÏÔÖÛÙÜŒÆH])/gu;
const ELISION: Record<string, string> = {
  de: "d'",
  le: "l'",
  la: "l'",
  que: "qu'",
  De: "D'",
  Le: "L'",
  La: "L'",
  Que: "Qu'",
};

export function elide(text: string): string {
  return text.replace(ELIDED, (word: string) => ELISION[word.trim()] ?? word);
}

/**
 * English "a" before a vowel sound, after the values are in: "What a Incentives admin can do" →
 * "What an Incentives admin can do", "an MPN partner admin". Not before "U" ("a User management
 * admin").
 */
const BEFORE_VOWEL_SOUND = /(?<![\p{L}\p{N}])([aA]) (?=[AEIOaeio]|[FHLMNRSX][A-Z])/gu;

export function withArticles(text: string): string {
  return text.replace(BEFORE_VOWEL_SOUND, (article: string) => `${article.trim()}n `);
}

/**
 * `defaults`: values every text may use without each caller passing them, such as `domain`, the
 * admin's own email domain, which examples in forms use ("jean.dupont@fabrikam.com"), so that an
 * organization never sees another company's domain in its cards.
 */
export function translator(
  language: Language,
  defaults: Record<string, string> = { domain: 'example.com' },
): Translator {
  const fixed = engine().getFixedT(language);
  const t = (key: string, given?: Record<string, string | number>): string => {
    const literal = literalText(language, key);
    if (literal !== undefined) return literal;
    const values = { ...defaults, ...given };
    if (!engine().exists(key, { lng: language, ...values })) throw new Error(`Missing ${language} text for "${key}"`);
    const text: unknown = fixed(key, values);
    // Our locale files hold strings only (tests check each one), so a text is a string.
    const rendered = typeof text === 'string' ? text : String(text);
    return language === 'fr' ? elide(rendered) : withArticles(rendered);
  };
  return {
    language,
    t,
    has: (key) => engine().exists(key, { lng: language }),
    list(items, conjunction = 'and') {
      if (items.length <= 1) return items.join('');
      const last = t(conjunction === 'or' ? 'list.lastSeparatorOr' : 'list.lastSeparator');
      return `${items.slice(0, -1).join(t('list.separator'))}${last}${items[items.length - 1]}`;
    },
  };
}

/** Teams sends locales such as "fr-FR", "fr-CA", "en-US"; anything not French is answered in English. */
export function languageFromLocale(locale: string | undefined): Language {
  return locale?.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}
