import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as Templating from 'adaptivecards-templating';
import { CARDS_DIR } from '../paths.js';

/**
 * Adaptive Cards are adaptivecards-templating templates in cards/<name>.json, expanded with data
 * whose strings are already translated. The card version is the template's (1.5: what Teams renders).
 */
const templates = new Map<string, Templating.Template>();

function template(name: string): Templating.Template {
  let loaded = templates.get(name);
  if (!loaded) {
    if (!/^(?:parts\/)?[a-z][a-z0-9-]*$/.test(name)) throw new Error(`Bad card template name: ${name}`);
    const json = JSON.parse(readFileSync(path.join(CARDS_DIR, `${name}.json`), 'utf8')) as object;
    loaded = new Templating.Template(json);
    templates.set(name, loaded);
  }
  return loaded;
}

/**
 * A person's text must never be read as a template binding. The templating engine does not
 * re-evaluate data today, but we break "${" in data with a zero-width joiner anyway: then any
 * "${" left in the output is, without doubt, a binding the data did not fill, which is a bug we
 * refuse to send rather than show an admin a card with "${title}" in it.
 */
function neutralize(value: unknown): unknown {
  if (typeof value === 'string') return value.replaceAll('${', '$\u200D{');
  if (Array.isArray(value)) return value.map(neutralize);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, neutralize(inner)]));
  }
  return value;
}

export class UnresolvedBindingError extends Error {
  constructor(name: string, fragment: string) {
    super(`Card "${name}" has an unresolved binding near: ${fragment}`);
    this.name = 'UnresolvedBindingError';
  }
}

/** A template of cards/parts/ to expand into the Container with this id of the card. */
export interface CardPart {
  into: string;
  template: string;
  data: object;
}

/**
 * Expands a card template to its JSON (for tests and for invoke responses). Parts shared by
 * several forms (the role picker) are templates of their own, expanded into a named Container.
 */
export function expandCard(name: string, data: object, parts: CardPart[] = []): Record<string, unknown> {
  const expanded = template(name).expand({ $root: neutralize(data) }) as Record<string, unknown>;
  for (const part of parts) {
    const container = findById(expanded, part.into);
    if (!container) throw new Error(`Card "${name}" has no container "${part.into}" for ${part.template}`);
    container.items = [template(part.template).expand({ $root: neutralize(part.data) })];
  }
  const text = JSON.stringify(expanded);
  const at = text.indexOf('${');
  if (at >= 0) throw new UnresolvedBindingError(name, text.slice(at, at + 60));
  return expanded;
}

function findById(node: unknown, id: string): Record<string, unknown> | undefined {
  if (Array.isArray(node)) {
    for (const item of node) {
      const found = findById(item, id);
      if (found) return found;
    }
    return undefined;
  }
  if (!node || typeof node !== 'object') return undefined;
  const record = node as Record<string, unknown>;
  if (record.id === id && record.type === 'Container') return record;
  for (const value of Object.values(record)) {
    const found = findById(value, id);
    if (found) return found;
  }
  return undefined;
}
