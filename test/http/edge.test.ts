import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { startHttpBot, type HttpBot } from '../helpers/httpBot.js';
import { messageActivity } from '../helpers/activities.js';
import { ALEX, TENANT } from '../helpers/people.js';
import { storedBytes } from '../helpers/storedOrganization.js';

/**
 * The HTTP edge as an attacker meets it, before any authentication: only JSON bodies are read
 * (415 for anything else, nothing parsed, nothing written to the temporary or the data
 * directory), every error body is fixed, and a serviceUrl that does not answer holds a turn for at
 * most OUTBOUND_TIMEOUT_MS.
 */
const OUTBOUND_TIMEOUT_MS = 1_000;

interface Answer {
  status: number;
  text: string;
}

/** A raw request, so the body, its content type and its length are exactly what the test says. */
function send(
  url: string,
  options: { method?: string; path?: string; headers?: Record<string, string>; body?: Buffer },
) {
  return new Promise<Answer>((resolve, reject) => {
    const target = new URL(options.path ?? '/api/messages', url);
    const outgoing = httpRequest(
      target,
      { method: options.method ?? 'POST', headers: options.headers ?? {} },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    outgoing.on('error', reject);
    outgoing.end(options.body);
  });
}

function multipart(size: number): { headers: Record<string, string>; body: Buffer } {
  const boundary = '----edge-test-boundary';
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    Buffer.alloc(size, 0x61),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, body };
}

describe('HTTP edge: only JSON is read, error bodies are fixed, outbound calls are bounded', function () {
  this.timeout(60_000);
  let bot: HttpBot;
  before(async () => {
    bot = await startHttpBot({ OUTBOUND_TIMEOUT_MS: String(OUTBOUND_TIMEOUT_MS) });
  });
  after(async () => bot.stop());

  const activity = Buffer.from(JSON.stringify(messageActivity(ALEX, 'help')));
  const REFUSED: [string, Record<string, string>, Buffer][] = [
    ['multipart/form-data, 2 MB', ...(Object.values(multipart(2_000_000)) as [Record<string, string>, Buffer])],
    ['multipart/form-data, 5 MB', ...(Object.values(multipart(5_000_000)) as [Record<string, string>, Buffer])],
    ['text/csv', { 'content-type': 'text/csv' }, Buffer.from('a,b\n"1,2\n')],
    ['text/tsv', { 'content-type': 'text/tsv' }, Buffer.from('a\tb\n"1\t2\n')],
    ['text/plain', { 'content-type': 'text/plain' }, activity],
    [
      'application/x-www-form-urlencoded',
      { 'content-type': 'application/x-www-form-urlencoded' },
      Buffer.from('a=1&b=2'),
    ],
    ['application/xml', { 'content-type': 'application/xml' }, Buffer.from('<a/>')],
    ['text/html', { 'content-type': 'text/html' }, Buffer.from('<p>hi</p>')],
    ['application/octet-stream', { 'content-type': 'application/octet-stream' }, Buffer.alloc(10_000)],
    ['application/jsonp (almost JSON)', { 'content-type': 'application/jsonp' }, activity],
    ['no content type', {}, activity],
  ];

  for (const [name, headers, body] of REFUSED)
    it(`${name}: 415 with a fixed body; nothing in the temporary or the data directory`, async () => {
      const temporary = await readdir(tmpdir());
      const stored = await storedBytes(bot.dir, TENANT);
      const answer = await send(bot.server.url, { headers, body });
      assert.deepEqual([answer.status, answer.text], [415, '{"error":"unsupported media type"}']);
      assert.deepEqual(await readdir(tmpdir()), temporary);
      assert.equal(await storedBytes(bot.dir, TENANT), stored);
    });

  it('application/json, with a charset and in capitals too, is read', async () => {
    for (const type of ['application/json', 'application/json; charset=utf-8', 'Application/JSON;charset=UTF-8']) {
      const answer = await send(bot.server.url, { headers: { 'content-type': type }, body: activity });
      assert.equal(answer.status, 200, type);
    }
  });

  it('JSON over the cap is refused with 413 whether its length is declared or not (chunked)', async () => {
    const big = Buffer.from(JSON.stringify(messageActivity(ALEX, 'x'.repeat(bot.config.maxBodyBytes))));
    const declared = await send(bot.server.url, { headers: { 'content-type': 'application/json' }, body: big });
    assert.deepEqual([declared.status, declared.text], [413, '{"error":"body too large"}']);
    const chunked = await send(bot.server.url, {
      headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      body: big,
    });
    assert.deepEqual([chunked.status, chunked.text], [413, '{"error":"body too large"}']);
  });

  it('broken JSON: 400 with a fixed body (not the parser message)', async () => {
    const answer = await send(bot.server.url, {
      headers: { 'content-type': 'application/json' },
      body: Buffer.from('{"type": "message", '),
    });
    assert.deepEqual([answer.status, answer.text], [400, '{"error":"not JSON"}']);
  });

  it('an unknown path or method: fixed bodies that do not repeat what was asked', async () => {
    const unknown = await send(bot.server.url, { method: 'GET', path: '/<script>alert(1)</script>' });
    assert.deepEqual([unknown.status, unknown.text], [404, '{"error":"not found"}']);
    const wrongMethod = await send(bot.server.url, { method: 'DELETE', path: '/api/messages' });
    assert.deepEqual([wrongMethod.status, wrongMethod.text], [405, '{"error":"method not allowed"}']);
  });

  describe('a serviceUrl that does not answer', () => {
    let silent: TcpServer;
    let silentUrl: string;
    const sockets: Socket[] = [];
    let refusedUrl: string;
    before(async () => {
      // Accepts connections and never answers.
      silent = createTcpServer((socket) => sockets.push(socket));
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
      silentUrl = `http://127.0.0.1:${(silent.address() as { port: number }).port}/`;
      // A port nobody listens on (connection refused).
      const closed: Server = createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      refusedUrl = `http://127.0.0.1:${(closed.address() as { port: number }).port}/`;
      await new Promise<void>((resolve) => closed.close(() => resolve()));
    });
    after(async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    });

    for (const [name, url] of [
      ['accepts and never answers', () => silentUrl],
      ['refuses the connection', () => refusedUrl],
    ] as const)
      it(`${name}: the turn ends within the bound with a fixed error, and the next turn of the conversation is answered`, async () => {
        const started = Date.now();
        const stuck = await bot.post(
          messageActivity(ALEX, 'help', { serviceUrl: url(), expectReplies: false, conversationId: `a:${name}` }),
        );
        const waited = Date.now() - started;
        assert.deepEqual([stuck.status, stuck.text], [500, '{"error":"internal error"}']);
        // The bound is functional (Teams re-sends after about 15 s), with room for a slow machine.
        assert.ok(waited < OUTBOUND_TIMEOUT_MS * 5, `held the conversation for ${waited} ms`);
        const next = await bot.post(messageActivity(ALEX, 'help', { conversationId: `a:${name}` }));
        assert.equal(next.status, 200);
      });
  });
});
