import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { translator } from '../../src/i18n/index.js';
import { LOCALES_DIR } from '../../src/paths.js';

/**
 * Every text with a value put in, rendered with values that start with a vowel or an h (the names
 * and roles admins really have: "Isaiah Langer", "Administrateur général", "Hugo", "Incentives
 * admin"): French elides ("d'Isaiah", "l'Administrateur", "qu'Hugo"), English says "an".
 */
function textsWithValues(language: 'en' | 'fr'): Map<string, string[]> {
  const texts = new Map<string, string[]>();
  const walk = (node: unknown, key: string) => {
    if (typeof node === 'string') {
      const names = [...node.matchAll(/{{\s*([a-zA-Z]+)[^}]*}}/g)].map((match) => match[1]!);
      // Plural forms are asked for by their base key and a count.
      if (names.length > 0) texts.set(key.replace(/_(one|other|zero|many)$/, ''), names);
      return;
    }
    if (node && typeof node === 'object')
      for (const [child, value] of Object.entries(node)) walk(value, key ? `${key}.${child}` : child);
  };
  walk(JSON.parse(readFileSync(path.join(LOCALES_DIR, `${language}.json`), 'utf8')), '');
  return texts;
}

const render = (language: 'en' | 'fr', value: string) => {
  const t = translator(language);
  return [...textsWithValues(language)].map(([key, names]) => ({
    key,
    text: t.t(key, Object.fromEntries(names.map((name) => [name, name === 'count' ? 2 : value]))),
  }));
};

describe('wording with the names and roles put in', () => {
  for (const value of ['Isaiah Langer', 'Administrateur général', 'Hugo Martin', 'Élodie Martin'])
    it(`French elides before "${value}"`, () => {
      const unelided = render('fr', value).filter(({ text }) =>
        /(?<![\p{L}\p{N}])(de|le|la|que) [aeiouéèêàâîôûhAEIOUÉÈÊÀÂÎÔÛH]/u.test(text),
      );
      assert.deepEqual(
        unelided.map(({ key, text }) => `${key}: ${text}`),
        [],
      );
    });

  for (const value of ['Incentives admin', 'Admin agent', 'Executive report viewer', 'MPN partner admin'])
    it(`English says "an" before "${value}"`, () => {
      const wrong = render('en', value).filter(({ text }) =>
        /(?<![\p{L}\p{N}])[aA] (?:[AEIOaeio]|[FHLMNRSX][A-Z])/u.test(text),
      );
      assert.deepEqual(
        wrong.map(({ key, text }) => `${key}: ${text}`),
        [],
      );
    });

  it('keeps "a" before a consonant sound, and French "de" before a consonant', () => {
    const t = translator('en');
    assert.equal(
      t.t('lookup.rolePermissionsTitle', { role: 'User management admin' }),
      'What a User management admin can do',
    );
    assert.equal(t.t('lookup.rolePermissionsTitle', { role: 'Incentives admin' }), 'What an Incentives admin can do');
    assert.equal(
      translator('fr').t('suggest.assign_roles', { name: 'Megan Bowen' }),
      'Modifier les rôles de Megan Bowen',
    );
    assert.equal(
      translator('fr').t('suggest.assign_roles', { name: 'Isaiah Langer' }),
      "Modifier les rôles d'Isaiah Langer",
    );
  });

  it('French never assumes a man: no past participle agreed with a person put in ("Élodie Martin a été ajouté")', () => {
    const t = translator('fr');
    const agreed = [...textsWithValues('fr')]
      .filter(([, names]) => names.includes('name'))
      .map(([key, names]) => ({
        key,
        text: t.t(key, Object.fromEntries(names.map((name) => [name, name === 'name' ? 'Élodie Martin' : 2]))),
      }))
      .filter(({ text }) => /Élodie Martin (a été|est) \p{L}+é(?![\p{L}e])/u.test(text));
    assert.deepEqual(
      agreed.map(({ key, text }) => `${key}: ${text}`),
      [],
    );
  });
});
