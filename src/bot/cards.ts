import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as Templating from 'adaptivecards-templating';
import { CardFactory, type Attachment } from 'botbuilder';
import { CARDS_DIR } from '../paths.js';

/**
 * Adaptive Cards are adaptivecards-templating templates in cards/<name>.json, expanded with data
 * whose strings are already translated. The card version is the template's (1.5: what Teams renders).
 */
const templates = new Map<string, Templating.Template>();

function template(name: string): Templating.Template {
  let loaded = templates.get(name);
  if (!loaded) {
    if (!/^[a-z][a-z0-9-]*$/.test(name)) throw new Error(`Bad card template name: ${name}`);
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

/** Expands a card template to its JSON (for tests and for invoke responses). */
export function expandCard(name: string, data: object): Record<string, unknown> {
  const expanded = template(name).expand({ $root: neutralize(data) }) as Record<string, unknown>;
  const text = JSON.stringify(expanded);
  const at = text.indexOf('${');
  if (at >= 0) throw new UnresolvedBindingError(name, text.slice(at, at + 60));
  return expanded;
}

export function cardAttachment(name: string, data: object): Attachment {
  return CardFactory.adaptiveCard(expandCard(name, data));
}
