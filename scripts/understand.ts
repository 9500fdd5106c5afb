/**
 * `npm run understand -- "<text>" [--locale fr-FR]`: what the recognizer reads in a message, as
 * one JSON line: {"intent": ..., "entities": {...}, "score": ...}. People are matched against the
 * demo organization's users (the ones `npm start` chats with). The tool for debugging the
 * recognizer: when the bot misreads a message, start here.
 */
import { parseArgs } from 'node:util';
import { recognize } from '../src/language/recognizer.js';
import { DEMO_CUSTOMERS, DEMO_USERS } from '../src/store/demoOrganization.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { locale: { type: 'string', default: 'en-US' } },
});
const text = positionals.join(' ');
if (!text) {
  process.stderr.write('usage: npm run understand -- "<text>" [--locale fr-FR]\n');
  process.exit(2);
}
if (!/^[a-z]{2}(-[A-Za-z]{2,4})?$/.test(values.locale ?? '')) {
  process.stderr.write(`not a locale: ${values.locale}\n`);
  process.exit(2);
}
// The bot reads both languages whatever the Teams client's locale (admins with an English client
// write in French too), so the locale changes the reply language, not the reading. It is accepted
// here so a message can be replayed exactly as Teams sent it.
const { intent, entities, score, mood } = recognize(text, { users: DEMO_USERS, customers: DEMO_CUSTOMERS });
process.stdout.write(`${JSON.stringify({ intent, entities, score, ...(mood ? { mood } : {}) })}\n`);
