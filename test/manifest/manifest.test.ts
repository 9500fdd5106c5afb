import assert from 'node:assert/strict';
import { recognize } from '../../src/language/recognizer.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { MANIFEST_DIR } from '../../src/paths.js';
import { fillManifest, manifestProblems, packagingValues, readLocalizations } from '../../scripts/appManifest.js';

const ENV = {
  TEAMS_APP_ID: '3d9b2f6e-8c1a-4b7d-9e2f-0a1b2c3d4e5f',
  MicrosoftAppId: '11111111-2222-4333-8444-555555555555',
  BOT_DOMAIN: 'partner-admin.contoso.com',
  PUBLISHER_NAME: 'Contoso',
  PUBLISHER_WEBSITE_URL: 'https://www.contoso.com',
  PUBLISHER_PRIVACY_URL: 'https://www.contoso.com/privacy',
  PUBLISHER_TERMS_URL: 'https://www.contoso.com/terms',
};

describe('Teams app package', () => {
  const manifest = fillManifest(packagingValues(ENV)) as Record<string, any>;

  it('the filled manifest and its French localization pass the official Teams schema (v1.22)', () => {
    assert.deepEqual(manifestProblems(manifest, readLocalizations(manifest)), []);
    assert.equal(manifest.manifestVersion, '1.22');
  });

  it('the schema check can fail: a broken manifest is reported', () => {
    assert.notDeepEqual(
      manifestProblems({ ...manifest, id: 'not-a-guid', bots: [{ botId: 'x', scopes: ['everywhere'] }] }, {}),
      [],
    );
  });

  it('declares a bot for personal, team and group chat with the ids from the environment', () => {
    assert.equal(manifest.id, ENV.TEAMS_APP_ID);
    assert.equal(manifest.bots[0].botId, ENV.MicrosoftAppId);
    assert.deepEqual(manifest.bots[0].scopes, ['personal', 'team', 'groupChat']);
    assert.deepEqual(manifest.validDomains, [ENV.BOT_DOMAIN]);
  });

  it('lists its commands, translated in French', () => {
    const commands = manifest.bots[0].commandLists[0].commands.map((command: { title: string }) => command.title);
    assert.deepEqual(commands, [
      'help',
      'add a user',
      'change roles',
      'notification email',
      'my role',
      'who are the global admins',
      'programs',
      'get started',
      'company profile',
      'history',
    ]);
    const french = readLocalizations(manifest)['fr.json'] as Record<string, string>;
    commands.forEach((_: string, index: number) =>
      assert.ok(french[`bots[0].commandLists[0].commands[${index}].title`]),
    );
  });

  it('every command, in both languages, is one the bot understands (Teams sends its title as the message)', () => {
    const french = readLocalizations(manifest)['fr.json'] as Record<string, string>;
    const titles = manifest.bots[0].commandLists[0].commands.flatMap((command: { title: string }, index: number) => [
      command.title,
      french[`bots[0].commandLists[0].commands[${index}].title`] as string,
    ]);
    assert.deepEqual(
      titles.filter((title: string) => recognize(title).intent === 'none'),
      [],
    );
  });

  it('packaging refuses missing or malformed values, naming them', () => {
    assert.throws(() => packagingValues({}), /TEAMS_APP_ID.*\n.*BOT_ID/s);
    assert.throws(() => packagingValues({ ...ENV, BOT_DOMAIN: 'https://bot.contoso.com' }), /BOT_DOMAIN/);
  });

  it('icons: color.png is 192×192, outline.png is 32×32 white on transparent', () => {
    const color = PNG.sync.read(readFileSync(path.join(MANIFEST_DIR, 'color.png')));
    assert.deepEqual([color.width, color.height], [192, 192]);
    const outline = PNG.sync.read(readFileSync(path.join(MANIFEST_DIR, 'outline.png')));
    assert.deepEqual([outline.width, outline.height], [32, 32]);
    let opaque = 0;
    let transparent = 0;
    for (let index = 0; index < outline.data.length; index += 4) {
      const [red, green, blue, alpha] = [
        outline.data[index],
        outline.data[index + 1],
        outline.data[index + 2],
        outline.data[index + 3],
      ];
      if (alpha === 0) transparent += 1;
      else {
        opaque += 1;
        assert.deepEqual([red, green, blue], [255, 255, 255], 'outline pixels are white');
      }
    }
    assert.ok(opaque > 0 && transparent > 0);
  });
});
