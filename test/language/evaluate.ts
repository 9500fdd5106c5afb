import { DATA_CHANGING_INTENTS, INTENTS } from '../../src/language/intents.js';
import { recognize, type Recognition } from '../../src/language/recognizer.js';
import { DEMO_CUSTOMERS, DEMO_USERS } from '../../src/store/demoOrganization.js';
import type { Expected, Labelled } from './labelledUtterances.js';

/**
 * Runs the recognizer over a labelled set, against the demo organization's users, and scores it:
 * intent accuracy, entity accuracy (what the label lists must be found), per-intent precision and
 * recall, and the out-of-scope utterances read as a data-changing intent (must be none).
 */
export interface Miss {
  text: string;
  expected: string;
  got: Recognition;
}

export interface Evaluation {
  total: number;
  intentCorrect: number;
  withEntities: number;
  entitiesCorrect: number;
  misses: Miss[];
  entityMisses: Miss[];
  outOfScopeActed: Miss[];
  perIntent: { intent: string; support: number; precision: number; recall: number }[];
}

function entitiesFound(expected: Expected, got: Recognition): boolean {
  const { entities } = got;
  return (
    (expected.people ?? []).every((id) => entities.people?.some((person) => person.id === id)) &&
    (expected.roles ?? []).every((roleId) => entities.roles?.includes(roleId as never)) &&
    (expected.emails ?? []).every((email) => entities.emails?.includes(email)) &&
    (expected.programs ?? []).every((program) => entities.programs?.includes(program)) &&
    (!expected.language || entities.language === expected.language)
  );
}

export function evaluate(set: readonly Labelled[]): Evaluation {
  const evaluation: Evaluation = {
    total: set.length,
    intentCorrect: 0,
    withEntities: 0,
    entitiesCorrect: 0,
    misses: [],
    entityMisses: [],
    outOfScopeActed: [],
    perIntent: [],
  };
  const counts = new Map<string, { truePositive: number; predicted: number; support: number }>();
  const count = (intent: string) =>
    counts.get(intent) ?? counts.set(intent, { truePositive: 0, predicted: 0, support: 0 }).get(intent)!;
  for (const [text, expected, entities] of set) {
    const got = recognize(text, { users: DEMO_USERS, customers: DEMO_CUSTOMERS });
    count(expected).support += 1;
    count(got.intent).predicted += 1;
    if (got.intent === expected) {
      evaluation.intentCorrect += 1;
      count(expected).truePositive += 1;
    } else {
      evaluation.misses.push({ text, expected, got });
    }
    if (entities) {
      evaluation.withEntities += 1;
      if (entitiesFound(entities, got)) evaluation.entitiesCorrect += 1;
      else evaluation.entityMisses.push({ text, expected, got });
    }
    if (expected === 'none' && DATA_CHANGING_INTENTS.has(got.intent))
      evaluation.outOfScopeActed.push({ text, expected, got });
  }
  evaluation.perIntent = [...INTENTS, 'none'].map((intent) => {
    const { truePositive, predicted, support } = count(intent);
    return {
      intent,
      support,
      precision: predicted === 0 ? 1 : truePositive / predicted,
      recall: support === 0 ? 1 : truePositive / support,
    };
  });
  return evaluation;
}

export function describeMiss(miss: Miss): string {
  return `"${miss.text}": expected ${miss.expected}, got ${miss.got.intent} ${JSON.stringify(miss.got.entities)}`;
}
