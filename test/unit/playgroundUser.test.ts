import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT } from '../../src/paths.js';
import { configAs } from '../../scripts/playgroundUser.js';

/** `npm start -- --as lynne`: the playground's configuration with another current user. */
describe('the playground as another person', () => {
  const original = readFileSync(path.join(REPO_ROOT, '.m365agentsplayground.yml'), 'utf8');
  type Config = { currentUser: { name: string }; users: { name: string }[]; tenantId: string };

  it('makes the person named the current user, keeps the others (the previous one among them) and the rest', () => {
    for (const who of ['lynne', 'Lynne Robbins', 'LYNNER@contoso.com']) {
      const { text, person } = configAs(original, who);
      const config = parse(text) as Config;
      assert.equal(person.name, 'Lynne Robbins');
      assert.equal(config.currentUser.name, 'Lynne Robbins');
      assert.deepEqual(config.users.map((user) => user.name).sort(), [
        'Adele Vance',
        'Alex Wilber',
        'Isaiah Langer',
        'Megan Bowen',
        'Patti Fernandez',
      ]);
      assert.equal(config.tenantId, (parse(original) as Config).tenantId);
    }
  });

  it('refuses a name nobody has, listing who can be chosen', () => {
    assert.throws(() => configAs(original, 'zoe'), /no one called "zoe".*Alex Wilber.*Lynne Robbins/);
  });
});
