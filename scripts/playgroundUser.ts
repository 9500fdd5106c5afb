import { parse, stringify } from 'yaml';

/**
 * `npm start -- --as lynne`: the playground as another person of the demo organization. Agents
 * Playground has no user switcher: it reads the current user and exactly five others from
 * `.m365agentsplayground.yml` (its current directory). This writes that configuration with the
 * chosen person as the current user and the previous one among the others; nothing else changes.
 */
interface PlaygroundPerson {
  name: string;
  email: string;
  [field: string]: unknown;
}

interface PlaygroundConfig {
  currentUser: PlaygroundPerson;
  users: PlaygroundPerson[];
  [field: string]: unknown;
}

const folded = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();

/** Whether `who` names this person: their first name, full name or email ("lynne", "Lynne Robbins", "lynner@contoso.com"). */
function names(person: PlaygroundPerson, who: string): boolean {
  const wanted = folded(who);
  const name = folded(person.name);
  return wanted === name || wanted === name.split(/\s+/)[0] || wanted === folded(person.email);
}

/** The configuration with `who` as the current user; an error naming the choices when nobody matches. */
export function configAs(configText: string, who: string): { text: string; person: PlaygroundPerson } {
  const config = parse(configText) as PlaygroundConfig;
  const everyone = [config.currentUser, ...config.users];
  const person = everyone.find((candidate) => names(candidate, who));
  if (!person)
    throw new Error(
      `no one called "${who}" in the playground's organization; choose one of: ${everyone.map((candidate) => candidate.name).join(', ')}`,
    );
  const others = everyone.filter((candidate) => candidate !== person);
  return { text: stringify({ ...config, currentUser: person, users: others }), person };
}
