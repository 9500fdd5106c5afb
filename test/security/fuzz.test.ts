import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { spawnBot, waitForExit, waitForListening } from '../helpers/botProcess.js';
import { executeActivity, messageActivity, submitActivity, teamsActivity, type Sender } from '../helpers/activities.js';
import { SeededRandom } from '../helpers/seededRandom.js';
import { nastyString, nastyValue } from '../helpers/nastyInput.js';
import { ALEX, DIEGO, LYNNE, MEGAN, OTHER_TENANT, TENANT } from '../helpers/people.js';
import { UNTHROTTLED } from '../helpers/unthrottled.js';
import { forEachBackend, makeStorePlace, type StorePlace } from '../helpers/backends.js';
import { recognize } from '../../src/language/recognizer.js';
import { INTENTS } from '../../src/language/intents.js';
import { demoOrganization } from '../../src/store/demoOrganization.js';

/**
 * Several thousand generated activities and card payloads against the real server (its own
 * process, real HTTP). Seeded: a failure prints its seed and case number; replay it with
 * FUZZ_SEED=<seed> FUZZ_CASES=<n>. Each case must get a 2xx with a reply (messages) or a card
 * (card clicks), or a 4xx; never a 5xx, a stack trace, or a dead process.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261121);
const CASES = Number(process.env.FUZZ_CASES ?? 3_000);
const STRANGER: Sender = { name: 'Mallory', aadObjectId: '0badc0de-0000-4000-8000-000000000001' };
const SENDERS: Sender[] = [ALEX, MEGAN, LYNNE, DIEGO, STRANGER, { name: 'No object id' }];
const VERBS = [
  'add_user.submit',
  'add_user.confirm',
  'edit_roles.save',
  'edit_roles.confirm',
  'remove_user.confirm',
  'notification_email.submit',
  'pick_user.search',
  'pick_user.choose',
  'support_profile.save',
  'primary_contact.submit',
  'partner_id.associate',
  'partner_id.confirm_move',
  'partner_id.back',
  'location.save',
  'tax_exemptions.record',
  'flow.cancel',
  'nope.nope',
  '__proto__.x',
  '',
];

const STACK_TRACE = /\n\s+at [\w.<>]+ \(|node_modules|\.ts:\d+/;

interface Case {
  body: unknown;
  /** A raw body that is not JSON. */
  raw?: string;
  kind: 'message' | 'invoke' | 'other' | 'garbage';
}

/** One generated case: a valid-looking activity with one to three things wrong, or plain garbage. */
function generate(random: SeededRandom, serviceUrl: string): Case {
  const sender = random.pick(SENDERS);
  const options = {
    serviceUrl,
    tenantId: random.chance(0.9) ? TENANT : random.pick([OTHER_TENANT, 'not-a-guid', TENANT.toUpperCase()]),
  };
  const roll = random.int(100);
  if (roll < 5)
    return {
      kind: 'garbage',
      body: undefined,
      raw: random.pick([
        '{',
        '[]',
        'null',
        '"text"',
        '{"type":',
        '\u0000\u0001',
        '['.repeat(100_000) + ']'.repeat(100_000),
        '{"a":'.repeat(5_000) + '1' + '}'.repeat(5_000),
      ]),
    };
  let activity: Record<string, unknown>;
  let kind: Case['kind'];
  if (roll < 45) {
    activity = messageActivity(sender, nastyString(random), options);
    kind = 'message';
  } else if (roll < 70) {
    activity = executeActivity(sender, random.pick(VERBS), fuzzedData(random), options);
    kind = 'invoke';
  } else if (roll < 85) {
    activity = submitActivity(sender, random.pick(VERBS), fuzzedData(random), options);
    kind = 'message';
  } else if (roll < 92) {
    activity = teamsActivity(
      sender,
      {
        type: 'message',
        value: {
          command: random.pick(['add_user', 'assign_roles', 'help', 'programs', 'nope', '__proto__']),
          userId: nastyValue(random),
          roleId: nastyValue(random),
        },
      },
      options,
    );
    kind = 'message';
  } else {
    activity = teamsActivity(
      sender,
      {
        type: random.pick([
          'conversationUpdate',
          'installationUpdate',
          'messageReaction',
          'typing',
          'invoke',
          'event',
          'x'.repeat(70),
        ]),
        membersAdded: nastyValue(random),
        action: nastyValue(random),
        name: nastyValue(random),
      },
      options,
    );
    kind = 'other';
  }
  // One to three fields broken: deleted, or replaced by a value of another type.
  const fields = [
    'text',
    'value',
    'from',
    'recipient',
    'conversation',
    'channelData',
    'locale',
    'type',
    'serviceUrl',
    'channelId',
    'entities',
    'attachments',
    'id',
    'replyToId',
    'timestamp',
  ];
  // Half the cases reach the bot whole (their text and card data are the nasty part); the others
  // have one to three fields deleted, or replaced by a string or a value of another type.
  for (let i = random.chance(0.5) ? 0 : 1 + random.int(3); i > 0; i -= 1) {
    const field = random.pick(fields);
    if (random.chance(0.3)) delete activity[field];
    else activity[field] = random.chance(0.5) ? nastyString(random) : nastyValue(random);
    if (['type', 'from', 'recipient', 'conversation', 'serviceUrl', 'channelId'].includes(field)) kind = 'other';
  }
  const from = activity.from;
  if (random.chance(0.1) && from && typeof from === 'object' && !Array.isArray(from))
    (from as Record<string, unknown>).name = nastyString(random);
  return { kind, body: activity };
}

function fuzzedData(random: SeededRandom): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const key of [
    'flowId',
    'displayName',
    'email',
    'role_global_admin',
    'role_nope',
    'userId',
    'query',
    'state',
    'website',
    'phone',
    'partnerId',
    'locationId',
    'country',
    'firstName',
    'lastName',
    'name',
    'city',
    'confirm',
    '__proto__',
  ]) {
    if (random.chance(0.4)) data[key] = nastyValue(random);
  }
  return data;
}

forEachBackend('security: fuzzing the real server', function (backend) {
  this.timeout(300_000);

  /** The organization as stored (files and journal, or database rows), read the way start-up does. */
  async function stored(place: StorePlace) {
    const opened = await place.open();
    try {
      return (await opened.store.current(TENANT))!.read();
    } finally {
      await opened.close();
    }
  }

  it(`${CASES} generated activities (seed ${SEED}): no crash, a reply or a 4xx, no stack traces, the store valid and untouched`, async () => {
    const place = await makeStorePlace(backend);
    try {
      // The Teams service the bot asks about strangers (roster lookup): a loopback stand-in that knows no one.
      const teams = createServer((_req, res) => {
        res.statusCode = 404;
        res.end('{"error":{"code":"NotFound"}}');
      });
      await new Promise<void>((resolve) => teams.listen(0, '127.0.0.1', resolve));
      const serviceUrl = `http://127.0.0.1:${(teams.address() as AddressInfo).port}/`;
      const child = spawnBot({ ...place.env, PORT: '0', ...UNTHROTTLED });
      const port = await waitForListening(child);
      const url = `http://127.0.0.1:${port}`;
      const initial = await stored(place);
      const random = new SeededRandom(SEED);
      const statuses = new Map<number, number>();
      const handledIds = new Set<string>();
      try {
        for (let index = 0; index < CASES; index += 1) {
          const generated = generate(random, serviceUrl);
          const where = `seed ${SEED}, case ${index}`;
          const response = await fetch(`${url}/api/messages`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: generated.raw ?? JSON.stringify(generated.body),
            signal: AbortSignal.timeout(10_000),
          }).catch((error: Error) =>
            assert.fail(
              `${where}: the server did not answer (${error.message} ${String((error as { cause?: unknown }).cause)}) for ${(generated.raw ?? JSON.stringify(generated.body))?.slice(0, 400)}; stderr: ${child.output().stderr.slice(-2000)}`,
            ),
          );
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          const text = await response.text();
          assert.ok(
            response.status < 500,
            `${where}: ${response.status} ${text.slice(0, 300)} for ${JSON.stringify(generated.body)?.slice(0, 500)}`,
          );
          assert.ok(!STACK_TRACE.test(text), `${where}: a stack trace in the answer: ${text.slice(0, 500)}`);
          if (response.status !== 200) continue;
          const body = text ? JSON.parse(text) : undefined;
          // An id seen before in the same conversation is Teams sending it again: handled once, answered with nothing.
          const body0 = generated.body as { id?: unknown; conversation?: { id?: unknown } } | undefined;
          const key = `${String(body0?.conversation?.id)}\n${String(body0?.id)}`;
          const repeated = generated.kind === 'message' && typeof body0?.id === 'string' && handledIds.has(key);
          if (generated.kind === 'message' && typeof body0?.id === 'string') handledIds.add(key);
          if (generated.kind === 'message' && !repeated)
            assert.ok(
              body?.activities?.length > 0,
              `${where}: a message got no reply: ${JSON.stringify(generated.body).slice(0, 500)}`,
            );
          if (generated.kind === 'invoke')
            assert.equal(
              body?.type,
              'application/vnd.microsoft.card.adaptive',
              `${where}: a card click got no card: ${text.slice(0, 300)}`,
            );
        }
        assert.equal((await fetch(`${url}/healthz`)).status, 200, 'still healthy');
      } finally {
        child.kill('SIGTERM');
        await waitForExit(child);
        teams.close();
      }
      // Nothing the fuzz sent was a valid, permitted change: the organization is as it was. The audit
      // log may have grown, by refusals only (a task button pressed by someone without the right).
      const after = await stored(place);
      assert.deepEqual({ ...after, audit: [] }, { ...initial, audit: [] }, 'the organization changed');
      assert.deepEqual(after.audit.slice(0, initial.audit.length), initial.audit);
      const added = after.audit.slice(initial.audit.length);
      assert.deepEqual(
        added.filter((entry) => entry.outcome !== 'refused'),
        [],
        'only refusals were added to the audit log',
      );
      assert.ok(
        (statuses.get(200) ?? 0) > CASES / 3 && [...statuses.keys()].some((status) => status >= 400),
        `statuses: ${JSON.stringify([...statuses])}`,
      );
    } finally {
      await place.drop();
    }
  });
});

describe('security: fuzzing the language reader', () => {
  it(`${CASES * 5} generated messages (seed ${SEED}): always an intent of the list, never a throw`, () => {
    const random = new SeededRandom(SEED);
    const users = demoOrganization('2026-11-20T09:00:00.000Z').users;
    const words = [
      'make',
      'remove',
      'global',
      'admin',
      'Megan',
      'adèle',
      'rôle',
      'de',
      'the',
      'billing',
      '@',
      'contoso.com',
      '+33',
      'http://',
      '\u0301',
      'ß',
      'İ',
      '\u200b',
    ];
    for (let index = 0; index < CASES * 5; index += 1) {
      const parts = Array.from({ length: random.int(12) }, () =>
        random.chance(0.5) ? random.pick(words) : nastyString(random).slice(0, 200),
      );
      const text = parts.join(random.pick([' ', '', '  ', '\n', ',']));
      const reading = recognize(text, { users });
      assert.ok(
        reading.intent === 'none' || (INTENTS as readonly string[]).includes(reading.intent),
        `seed ${SEED}, case ${index}: ${JSON.stringify(text)} → ${reading.intent}`,
      );
      assert.ok(reading.score >= 0 && reading.score <= 1);
    }
  });
});
