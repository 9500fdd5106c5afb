import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CONVERSATIONS } from '../../src/app.js';
import { ConversationCatalog } from '../../src/conversation/catalog.js';
import type { Conversation } from '../../src/conversation/descriptor.js';
import { defineFlow } from '../../src/conversation/flows.js';
import { INTENTS } from '../../src/language/intents.js';
import { LANGUAGES, translator } from '../../src/i18n/index.js';
import { REPO_ROOT } from '../../src/paths.js';

/**
 * The conversation modules, as the composition root assembles them: each intent answered once,
 * each verb, flow kind and user task owned by one module, every text they name present in both
 * languages, and each module's declared policy actions the ones its code asks.
 */
const catalog = new ConversationCatalog(CONVERSATIONS);
const answerAll: Conversation['intents'] = Object.fromEntries(
  [...INTENTS, 'none'].map((intent) => [intent, async () => {}]),
);

describe('conversation modules', () => {
  it('answer every intent, and "none", exactly once', () => {
    const answered = CONVERSATIONS.flatMap((conversation) => Object.keys(conversation.intents ?? {}));
    assert.deepEqual([...answered].sort(), [...INTENTS, 'none'].sort());
  });

  it('the catalog refuses a list where an intent is unanswered, or a verb, flow kind or task is claimed twice', () => {
    const base: Conversation = { name: 'all', policy: [], intents: answerAll };
    assert.throws(() => new ConversationCatalog([]), /No conversation answers: help, cancel/);
    assert.throws(
      () => new ConversationCatalog([base, { name: 'again', policy: [], intents: { help: async () => {} } }]),
      /"all" and "again" both claim intent help/,
    );
    const verb = { 'x.go': async () => ({}) };
    assert.throws(
      () =>
        new ConversationCatalog([
          base,
          { name: 'a', policy: [], cardActions: verb },
          { name: 'b', policy: [], cardActions: verb },
        ]),
      /both claim verb x\.go/,
    );
    assert.throws(
      () => new ConversationCatalog([base, { name: 'a', policy: [], cardActions: { 'Bad Verb': async () => ({}) } }]),
      /bad verb/,
    );
    // A gate on a button for an intent the conversation does not answer is a mistake in the module.
    assert.throws(
      () =>
        new ConversationCatalog([
          base,
          { name: 'a', policy: [], offeredWhen: { add_user: () => ({ type: 'list_users' }) } },
        ]),
      /gates add_user, which it does not answer/,
    );
    const flow = defineFlow('same_kind', {});
    assert.throws(
      () =>
        new ConversationCatalog([
          base,
          { name: 'a', policy: [], flows: [flow] },
          { name: 'b', policy: [], flows: [flow] },
        ]),
      /flow kind same_kind/,
    );
    const task = {
      purpose: 'p',
      opens: () => ({ type: 'list_users' }) as const,
      attemptedAction: 'x',
      details: undefined as never,
      open: async () => ({}),
    } as const;
    assert.throws(
      () =>
        new ConversationCatalog([
          base,
          { name: 'a', policy: [], userTasks: [task] },
          { name: 'b', policy: [], userTasks: [task] },
        ]),
      /user task p/,
    );
  });

  it('keep the help card in its order: get started first, history last', () => {
    assert.deepEqual(
      catalog.helpEntries.map((entry) => entry.intent),
      [
        'onboarding',
        'add_user',
        'assign_roles',
        'update_notification_email',
        'my_role',
        'org_profile',
        'programs',
        'find_customers',
        'history',
      ],
    );
  });

  it('name texts that exist in both languages: each flow kind, help entry and user task', () => {
    for (const language of LANGUAGES) {
      const t = translator(language);
      for (const kind of catalog.flowDefinitions.keys())
        assert.ok(t.has(`flow.kind.${kind}`), `${language}: flow.kind.${kind}`);
      for (const { intent } of catalog.helpEntries) {
        assert.ok(
          t.has(`help.capability.${intent}.title`) && t.has(`help.capability.${intent}.description`),
          `${language}: help ${intent}`,
        );
      }
      for (const conversation of CONVERSATIONS) {
        for (const task of conversation.userTasks ?? [])
          assert.ok(t.has(`pickUser.title.${task.purpose}`), `${language}: picker ${task.purpose}`);
      }
    }
  });

  it('declare the policy actions their code asks, and no other', async () => {
    const folder = path.join(REPO_ROOT, 'dialogs');
    const files = (await readdir(folder)).filter((file) => file.endsWith('.ts'));
    let modules = 0;
    for (const file of files) {
      const source = await readFile(path.join(folder, file), 'utf8');
      const exported = Object.values(
        (await import(pathToFileURL(path.join(folder, file)).href)) as Record<string, unknown>,
      );
      const names = exported.map((value) => (value as Partial<Conversation> | undefined)?.name);
      const conversation = CONVERSATIONS.find((listed) => names.includes(listed.name));
      assert.ok(conversation, `${file} exports a conversation listed in src/app.ts`);
      modules += 1;
      // A policy action is written `{ type: '<action>' …}` wherever a module asks the policy (an
      // audit target is `{ type: 'user' | 'organization' | 'customer', id }`, not an action).
      const asked = new Set(
        [...source.matchAll(/\{\s*type:\s*'([a-z_]+)'/g)]
          .map((match) => match[1])
          .filter((type) => type !== 'user' && type !== 'organization' && type !== 'customer'),
      );
      assert.deepEqual([...new Set(conversation.policy)].sort(), [...asked].sort(), `${file}: declared policy actions`);
    }
    // Every listed conversation is a dialog module, except the kit's own (cancel, the user picker).
    assert.equal(modules, CONVERSATIONS.length - 2);
  });
});
