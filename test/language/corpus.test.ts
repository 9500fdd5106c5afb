import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DATA_CHANGING_INTENTS, INTENTS } from '../../src/language/intents.js';
import { recognize } from '../../src/language/recognizer.js';
import { REPO_ROOT } from '../../src/paths.js';
import { DEMO_CUSTOMERS, DEMO_USERS } from '../../src/store/demoOrganization.js';

/**
 * The recognizer on the corpus written blind (test/language/corpus/README.md): messages by people
 * who never saw its rules. Issue 16's bars are at least 97% of intents right on the training lines,
 * 95% on the held-out lines, and not one question, hypothetical, report of the past, deferral or
 * out-of-scope request read as a change. The training bar is held; on the lines never trained on,
 * the bars below are what the learned recognizer reached when measured once (docs/language.md), so a
 * regression fails.
 */
interface Line {
  text: string;
  locale: 'en' | 'fr';
  intent: string;
  kind: string;
}

const read = (file: string): Line[] =>
  readFileSync(path.join(REPO_ROOT, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Line);

const NOT_REQUESTS = new Set(['question', 'hypothetical', 'past', 'deferral', 'out_of_scope', 'chitchat']);
const isChange = (intent: string) => DATA_CHANGING_INTENTS.has(intent as never);

function measure(lines: readonly Line[]) {
  const readings = lines.map((line) => ({
    line,
    intent: recognize(line.text, { users: DEMO_USERS, customers: DEMO_CUSTOMERS }).intent,
  }));
  const right = readings.filter(({ line, intent }) => intent === line.intent).length;
  // What the admin would see as a change card though they did not ask for one.
  const unsafe = readings.filter(
    ({ line, intent }) => NOT_REQUESTS.has(line.kind) && isChange(intent) && !isChange(line.intent),
  );
  return { accuracy: right / lines.length, unsafe: unsafe.map(({ line, intent }) => `${line.text} → ${intent}`) };
}

describe('the recognizer on messages written blind', () => {
  const training = read('src/language/corpus/training.jsonl');
  const heldOut = read('test/language/corpus/heldout.jsonl');

  it('the corpus: training and held-out lines in both languages, every intent, no line in both', () => {
    assert.ok(training.length >= 3_000 && heldOut.length >= 400, `${training.length} / ${heldOut.length}`);
    for (const lines of [training, heldOut]) {
      for (const locale of ['en', 'fr']) assert.ok(lines.filter((line) => line.locale === locale).length >= 200);
      for (const intent of [...INTENTS, 'none'])
        assert.ok(
          lines.some((line) => line.intent === intent),
          intent,
        );
    }
    // No line measured as never trained on is a training line.
    const seen = new Set(training.map((line) => line.text.toLowerCase().trim()));
    const neverTrained = [
      heldOut,
      ...['', '-2', '-3', '-4', '-5', '-6', '-7', '-8', '-9', '-10', '-11', '-12'].map((n) =>
        read(`test/language/corpus/fresh${n}.jsonl`),
      ),
    ];
    assert.deepEqual(
      neverTrained
        .flat()
        .filter((line) => seen.has(line.text.toLowerCase().trim()))
        .map((line) => line.text),
      [],
    );
  });

  it('on the training lines: at least 97% right, and no question, report of the past, deferral or out-of-scope request read as a change', () => {
    const { accuracy, unsafe } = measure(training);
    assert.ok(accuracy >= 0.97, `accuracy ${(accuracy * 100).toFixed(1)}%`);
    assert.deepEqual(unsafe, []);
  });

  it('on the held-out lines (never tuned on): at least 95% right in each language, and no non-request read as a change', () => {
    for (const locale of ['en', 'fr']) {
      const { accuracy, unsafe } = measure(heldOut.filter((line) => line.locale === locale));
      assert.ok(accuracy >= 0.95, `${locale}: accuracy ${(accuracy * 100).toFixed(1)}%`);
      assert.deepEqual(unsafe, []);
    }
  });

  it('on the first fresh lines (written after step 1 of the tuning): at least 92% right, and no non-request read as a change', () => {
    const { accuracy, unsafe } = measure(read('test/language/corpus/fresh.jsonl'));
    assert.ok(accuracy >= 0.92, `accuracy ${(accuracy * 100).toFixed(1)}%`);
    assert.deepEqual(unsafe, []);
  });

  it('on the fourteenth fresh lines (files: exports and adding users from a file, written blind with their intents, kept unread until their last change, measured once at 88.1%): at least 88% right, and no non-request read as a change', () => {
    const { accuracy, unsafe } = measure(read('test/language/corpus/fresh-14.jsonl'));
    assert.ok(accuracy >= 0.88, `accuracy ${(accuracy * 100).toFixed(1)}%`);
    assert.deepEqual(unsafe, []);
  });

  it('on the thirteenth fresh lines (privileged access, written blind with its four intents and time-bound grants, kept unread until their last change, measured once at 87.8%): at least 87% right, and no non-request read as a change', () => {
    const { accuracy, unsafe } = measure(read('test/language/corpus/fresh-13.jsonl'));
    assert.ok(accuracy >= 0.87, `accuracy ${(accuracy * 100).toFixed(1)}%`);
    assert.deepEqual(unsafe, []);
  });

  it('on the twelfth fresh lines (account settings and how-to questions, written blind with their intents, kept unread until their last change, measured once at 97.5%): at least 97% right, and no non-request read as a change', () => {
    const { accuracy, unsafe } = measure(read('test/language/corpus/fresh-12.jsonl'));
    assert.ok(accuracy >= 0.97, `accuracy ${(accuracy * 100).toFixed(1)}%`);
    assert.deepEqual(unsafe, []);
  });

  it('on the eleventh fresh lines (customer accounts, written blind with the customer intents, kept unread until their last change, measured once at 94.2%): at least 94% right, and no non-request read as a change', () => {
    const { accuracy, unsafe } = measure(read('test/language/corpus/fresh-11.jsonl'));
    assert.ok(accuracy >= 0.94, `accuracy ${(accuracy * 100).toFixed(1)}%`);
    assert.deepEqual(unsafe, []);
  });

  it('on the tenth fresh lines (written blind before step 8, kept unread, measured once after it at 98.2%): at least 97% right, and no non-request read as a change', () => {
    const { accuracy, unsafe } = measure(read('test/language/corpus/fresh-10.jsonl'));
    assert.ok(accuracy >= 0.97, `accuracy ${(accuracy * 100).toFixed(1)}%`);
    assert.deepEqual(unsafe, []);
  });

  it('on the ninth fresh lines (written blind before step 7, kept unread, measured once after it at 94.9%): at least 94% right, and no non-request read as a change', () => {
    const { accuracy, unsafe } = measure(read('test/language/corpus/fresh-9.jsonl'));
    assert.ok(accuracy >= 0.94, `accuracy ${(accuracy * 100).toFixed(1)}%`);
    assert.deepEqual(unsafe, []);
  });

  // 95% until the how-to intent joined (step 10): "comment l'enregistrer dans l'Espace partenaires ?"
  // and "Comment relier notre identifiant MPN à notre locataire ?", labelled before how-to questions
  // had an answer of their own, are now answered with the steps. 94 → 93 with the privileged-access
  // intents (issue 21): "the access level of johannal@…" and "CSP enrollment … for the compliance
  // review" now make the bot ask between two readings (one of them a new lookup) rather than answer.
  it('on the eighth fresh lines (written blind before step 6, kept unread, measured once after it at 95.4%): at least 93% right, and no non-request read as a change', () => {
    const { accuracy, unsafe } = measure(read('test/language/corpus/fresh-8.jsonl'));
    assert.ok(accuracy >= 0.93, `accuracy ${(accuracy * 100).toFixed(1)}%`);
    assert.deepEqual(unsafe, []);
  });

  it('on the seventh fresh lines (written blind before step 5, kept unread, measured after it at 96.8%): at least 96% right, and no non-request read as a change', () => {
    const { accuracy, unsafe } = measure(read('test/language/corpus/fresh-7.jsonl'));
    assert.ok(accuracy >= 0.96, `accuracy ${(accuracy * 100).toFixed(1)}%`);
    assert.deepEqual(unsafe, []);
  });

  it('on the sixth fresh lines (written blind before step 4, kept unread, measured once after it at 97.6%): at least 97% right, and no non-request read as a change', () => {
    const { accuracy, unsafe } = measure(read('test/language/corpus/fresh-6.jsonl'));
    assert.ok(accuracy >= 0.97, `accuracy ${(accuracy * 100).toFixed(1)}%`);
    assert.deepEqual(unsafe, []);
  });

  it('on the fifth fresh lines (written after the last change of step 3, measured once at 94.5%): at least 96% right, and no non-request read as a change', () => {
    const { accuracy, unsafe } = measure(read('test/language/corpus/fresh-5.jsonl'));
    assert.ok(accuracy >= 0.96, `accuracy ${(accuracy * 100).toFixed(1)}%`);
    assert.deepEqual(unsafe, []);
  });

  // 96% until the six customer intents joined (95.6% since: one question about the admin's own
  // rights is now asked about, with the right reading first).
  it('on the fourth fresh lines (written after step 2, measured once at 90.6% before step 3): at least 95% right, and no non-request read as a change', () => {
    const { accuracy, unsafe } = measure(read('test/language/corpus/fresh-4.jsonl'));
    assert.ok(accuracy >= 0.95, `accuracy ${(accuracy * 100).toFixed(1)}%`);
    assert.deepEqual(unsafe, []);
  });

  it('on the third fresh lines (written after step 2 of the tuning): at least 97% right, and no non-request read as a change', () => {
    const { accuracy, unsafe } = measure(read('test/language/corpus/fresh-3.jsonl'));
    assert.ok(accuracy >= 0.97, `accuracy ${(accuracy * 100).toFixed(1)}%`);
    assert.deepEqual(unsafe, []);
  });

  it('on the second fresh lines (written during the tuning of the learned intent): at least 97% right, and no non-request read as a change', () => {
    const { accuracy, unsafe } = measure(read('test/language/corpus/fresh-2.jsonl'));
    assert.ok(accuracy >= 0.97, `accuracy ${(accuracy * 100).toFixed(1)}%`);
    assert.deepEqual(unsafe, []);
  });
});
