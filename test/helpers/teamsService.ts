import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cardTexts } from './cardText.js';

/**
 * A stand-in for the Teams service on loopback (the one part of Microsoft's cloud the bot's own
 * messages need): records each activity the bot posts to a conversation, and answers 404 for the
 * conversations listed in `gone` (the person removed the app).
 */
export interface TeamsServiceStandIn {
  url: string;
  received: { conversation: string; body: { attachments?: { content: unknown }[] } }[];
  gone: Set<string>;
  /** Each received card's title, in order. */
  titles(): string[];
  /** The cards received in one conversation. */
  cardsIn(conversation: string): unknown[];
  /** Waits until `count` activities have arrived (alerts go out after the change is written). */
  waitFor(count: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startTeamsService(): Promise<TeamsServiceStandIn> {
  const received: TeamsServiceStandIn['received'] = [];
  const gone = new Set<string>();
  const server: Server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk) => (text += chunk));
    request.on('end', () => {
      const match = /\/v3\/conversations\/([^/]+)\/activities/.exec(request.url ?? '');
      response.setHeader('content-type', 'application/json');
      if (request.method === 'POST' && match) {
        const conversation = decodeURIComponent(match[1]!);
        if (gone.has(conversation)) {
          response.statusCode = 404;
          response.end('{}');
          return;
        }
        received.push({ conversation, body: JSON.parse(text) as never });
        response.end(JSON.stringify({ id: `sent-${received.length}` }));
        return;
      }
      response.statusCode = 404;
      response.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return {
    url,
    received,
    gone,
    titles: () => received.map((each) => cardTexts(each.body.attachments?.[0]?.content)[0] ?? ''),
    cardsIn: (conversation) =>
      received.filter((each) => each.conversation === conversation).map((each) => each.body.attachments?.[0]?.content),
    async waitFor(count, timeoutMs = 5_000) {
      for (let waited = 0; received.length < count && waited < timeoutMs; waited += 25)
        await new Promise((resolve) => setTimeout(resolve, 25));
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
