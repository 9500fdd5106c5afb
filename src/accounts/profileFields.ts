import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { displayNameProblem, cleanDisplayName, type NameProblem } from './addUser.js';
import { emailProblem, normalizeEmail, notificationEmailProblem, type EmailProblem } from './emails.js';

/**
 * The fields of the organization profile that admins type (support website, email and phone, a
 * contact's name and phone, a location's name and city), checked and put in the form they are
 * stored in. One function per kind of field, used by every form and again inside the change.
 */
export const WEBSITE_MAX_LENGTH = 300;
export const PLACE_MAX_LENGTH = 100;

export type WebsiteProblem = 'invalid' | 'too_long' | 'not_https';
export type PhoneProblem = 'required' | 'invalid' | 'needs_country_code';
export type FieldProblem = EmailProblem | WebsiteProblem | PhoneProblem | NameProblem | 'duplicate';

export type Checked<T> = { ok: true; value: T } | { ok: false; problem: FieldProblem };

/**
 * A support website customers are sent to: https only (customers type their details there; never
 * http, javascript: or a file), a real host name, no user name or password in it.
 * "support.contoso.com" is read as https://support.contoso.com.
 */
export function checkWebsite(raw: string): Checked<string> {
  const text = raw.trim();
  if (text.length > WEBSITE_MAX_LENGTH) return { ok: false, problem: 'too_long' };
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(text) ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { ok: false, problem: 'invalid' };
  }
  if (url.protocol !== 'https:') return { ok: false, problem: 'not_https' };
  const host = url.hostname;
  if (url.username || url.password || !/^(?=.{1,253}$)([a-z0-9-]+\.)+[a-z]{2,63}$/i.test(host) || /\s/.test(text))
    return { ok: false, problem: 'invalid' };
  const value = url.toString();
  if (value.length > WEBSITE_MAX_LENGTH) return { ok: false, problem: 'too_long' };
  return { ok: true, value };
}

/**
 * A phone number, checked with Google's libphonenumber metadata. A number without a country code
 * is read in the organization's own country when we know it; it is stored in the international
 * format (+33 1 70 36 42 99) so everyone reads it the same way.
 */
export function checkPhone(raw: string, country?: string): Checked<string> {
  const text = raw.trim();
  if (!text) return { ok: false, problem: 'required' };
  if (text.length > 40 || /[^\d\s+().\-/]/.test(text)) return { ok: false, problem: 'invalid' };
  if (!text.startsWith('+') && !country) return { ok: false, problem: 'needs_country_code' };
  const parsed = parsePhoneNumberFromString(text, country as CountryCode | undefined);
  if (!parsed || !parsed.isValid()) return { ok: false, problem: 'invalid' };
  return { ok: true, value: parsed.formatInternational() };
}

export function checkEmail(raw: string): Checked<string> {
  const problem = emailProblem(raw);
  return problem ? { ok: false, problem } : { ok: true, value: normalizeEmail(raw) };
}

/** An address Microsoft must be able to write to (it sends nothing to onmicrosoft.com). */
export function checkMailboxMicrosoftWritesTo(raw: string): Checked<string> {
  const problem = notificationEmailProblem(raw);
  return problem ? { ok: false, problem } : { ok: true, value: normalizeEmail(raw) };
}

/** A person's first or last name, a location's name or city: no control or direction characters. */
export function checkName(raw: string): Checked<string> {
  const problem = displayNameProblem(raw);
  return problem ? { ok: false, problem } : { ok: true, value: cleanDisplayName(raw) };
}
