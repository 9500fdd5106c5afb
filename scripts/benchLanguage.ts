/**
 * `npm run bench:language`: how long the recognizer takes. Start-up (building its indexes from
 * the lexicon and the locale files, measured in a fresh process by timing the import) and the
 * time of one recognition over every labelled utterance, against a 10,000-user organization so
 * people lookups are realistic. Prints median, p95 and p99 in microseconds.
 */
import { performance } from 'node:perf_hooks';

const importStarted = performance.now();
const { recognize } = await import('../src/language/recognizer.js');
const startupMs = performance.now() - importStarted;
const { prepareLanguageModels } = await import('../src/language/models.js');
const modelsMs = prepareLanguageModels();
const { LABELLED } = await import('../test/language/labelledUtterances.js');
const { DEMO_USERS } = await import('../src/store/demoOrganization.js');

const FIRST = [
  'Jean',
  'Marie',
  'Luc',
  'Sofia',
  'Omar',
  'Chen',
  'Ana',
  'Pierre',
  'Fatima',
  'Noah',
  'Emma',
  'Hugo',
  'Léa',
  'Yuki',
  'Ravi',
  'Ines',
];
const LAST = [
  'Martin',
  'Bernard',
  'Dubois',
  'Thomas',
  'Robert',
  'Petit',
  'Durand',
  'Leroy',
  'Moreau',
  'Simon',
  'Laurent',
  'Lefebvre',
  'Michel',
  'Garcia',
  'David',
  'Bertrand',
];
const users = [
  ...DEMO_USERS,
  ...Array.from({ length: 10_000 - DEMO_USERS.length }, (_, index) => {
    const first = FIRST[index % FIRST.length]!;
    const last = `${LAST[Math.floor(index / FIRST.length) % LAST.length]}${Math.floor(index / 256) || ''}`;
    return {
      id: `u-${index}`,
      displayName: `${first} ${last}`,
      email: `${first}.${last}${index}@contoso.com`.toLowerCase(),
      status: 'active',
    };
  }),
];

const texts = LABELLED.map(([text]) => text);
const firstStarted = performance.now();
recognize(texts[0], { users });
const firstMs = performance.now() - firstStarted;

for (let round = 0; round < 3; round++) for (const text of texts) recognize(text, { users });
const samples: number[] = [];
for (let round = 0; round < 20; round++) {
  for (const text of texts) {
    const started = performance.now();
    recognize(text, { users });
    samples.push((performance.now() - started) * 1000);
  }
}
samples.sort((a, b) => a - b);
const at = (quantile: number) =>
  samples[Math.min(samples.length - 1, Math.floor(quantile * samples.length))]!.toFixed(1);
console.log(`recognizer start-up (import, indexes built): ${startupMs.toFixed(0)} ms`);
console.log(`language models loaded (built by npm run build) or trained from the corpus: ${modelsMs.toFixed(0)} ms`);
console.log(`first message against 10,000 users (people index built): ${firstMs.toFixed(1)} ms`);
console.log(
  `${samples.length} recognitions of ${texts.length} utterances against 10,000 users: median ${at(0.5)} µs, p95 ${at(0.95)} µs, p99 ${at(0.99)} µs`,
);
