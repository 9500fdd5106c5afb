/**
 * A phone number or a website written in a request ("change our support phone to +33 1 70 36 42 11",
 * "set the support site to help.contoso.com"), to fill in the form it opens. Only found here: the
 * form's own checks (src/accounts/profileFields.ts) decide whether they are valid.
 */
const PHONE = /(?:^|[^\w+])(\+?\d[\d\s().-]{5,28}\d)(?![\w@])/;
const WEBSITE = /^((?:https?:\/\/)?(?:[a-z0-9-]+\.)+[a-z]{2,63}(?:\/\S*)?)$/i;

export function findPhone(text: string): string | undefined {
  const digits = (candidate: string) => candidate.replace(/\D/g, '').length;
  const match = PHONE.exec(text);
  return match?.[1] && digits(match[1]) >= 6 ? match[1].trim() : undefined;
}

export function findWebsite(text: string): string | undefined {
  for (const word of text.split(/\s+/)) {
    if (word.includes('@')) continue;
    // A sentence's own punctuation is not part of the address.
    const match = WEBSITE.exec(word.replace(/[.,;:!?)]+$/, ''));
    if (match?.[1]) return match[1];
  }
  return undefined;
}
