/**
 * Words of a company name that say what kind of company it is, not which one ("Inc.", "SARL",
 * "Group"): left out when customers are searched for, matched against a message, or compared
 * for a likely duplicate. One list for the store's search and the recognizer alike.
 */
export const LEGAL_FORMS: ReadonlySet<string> = new Set(
  (
    'inc ltd llc llp plc corp corporation co company gmbh ag sa sas sarl srl spa bv nv oy ab as pty limited ' +
    'group groupe the le la les'
  ).split(' '),
);
