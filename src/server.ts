import restify, { type Request, type Response } from 'restify';
import type { BotAdapter } from './teams/adapter.js';
import type { AppConfig } from './config.js';
import type { Logger } from './logger.js';
import type { StoreHealth } from './store/accountStore.js';
import { TURN_LOGGER, type Bot } from './teams/application.js';
import { isActivityEnvelope, toActivity } from './teams/activityEnvelope.js';
import { readJsonBody } from './jsonBody.js';

export interface RunningServer {
  url: string;
  port: number;
  /** Stops accepting requests, lets in-flight turns finish, then resolves. */
  close(): Promise<void>;
}

export interface ServerDependencies {
  config: AppConfig;
  logger: Logger;
  adapter: BotAdapter;
  app: Bot;
  /** The account store, as /healthz sees it. */
  store: { health(): StoreHealth; checkStorage(): Promise<boolean> };
  /** Conversation state, whose failed writes /healthz reports too. */
  storage?: { health(): { ok: boolean } };
}

/** What Teams AI's own adapter sets on its answers. */
const USER_AGENT = 'teamsai-js';

const DRAIN_LIMIT_MS = 5_000;

function discardRestOf(req: Request): void {
  if (req.readableEnded) return;
  const cutOff = setTimeout(() => req.socket.destroy(), DRAIN_LIMIT_MS);
  cutOff.unref();
  req.once('end', () => clearTimeout(cutOff));
  req.once('close', () => clearTimeout(cutOff));
  req.resume();
}

function authorizationOf(req: Request): string {
  const header = req.headers.authorization;
  return typeof header === 'string' ? header : '';
}

/**
 * The restify server: POST /api/messages for Bot Framework activities, GET /healthz for probes.
 * Only JSON bodies are read, capped at MAX_BODY_BYTES (src/jsonBody.ts: no restify body parser,
 * which accepts uploads and CSV); every error answer has a fixed body. Each request gets an id
 * that every log line of its turn carries.
 */
export async function startServer(deps: ServerDependencies): Promise<RunningServer> {
  const { config, logger, adapter, app, store, storage } = deps;
  const server = restify.createServer({ name: 'partner-admin-bot', handleUncaughtExceptions: false });
  // restify's own 404 and 405 bodies repeat the path and method asked for: ours are fixed.
  for (const [event, status, error] of [
    ['NotFound', 404, 'not found'],
    ['MethodNotAllowed', 405, 'method not allowed'],
  ] as const)
    server.on(event, (_req: Request, res: Response, _err: unknown, callback: () => void) => {
      res.send(status, { error });
      callback();
    });

  let inFlight = 0;
  let idle: (() => void) | undefined;
  // Once stopping, a request that arrives on a connection kept alive is turned away (503, and the
  // connection closed): otherwise a client that keeps sending would keep the process alive forever.
  let closing = false;
  server.pre((_req: Request, res: Response, next: (proceed?: boolean) => void) => {
    if (!closing) return next();
    res.header('Connection', 'close');
    res.send(503, { error: 'shutting down' });
    return next(false);
  });

  server.post('/api/messages', async (req: Request, res: Response) => {
    inFlight += 1;
    const requestLogger = logger.child({ requestId: req.id() });
    try {
      const reading = await readJsonBody(req, config.maxBodyBytes);
      if (!reading.ok) {
        requestLogger.warn({ status: reading.status }, `refused a request: ${reading.error}`);
        // The rest of the body is drained unread (discarded, never kept) so the client reads the
        // answer instead of a broken pipe; a client still sending after a few seconds is cut off.
        res.send(reading.status, { error: reading.error });
        discardRestOf(req);
        return;
      }
      req.body = reading.body;
      if (!isActivityEnvelope(req.body)) {
        requestLogger.warn('refused a body that is not a Bot Framework activity');
        res.send(400, { error: 'not a Bot Framework activity' });
        return;
      }
      let turnStarted = false;
      try {
        const answer = await adapter.handle(authorizationOf(req), toActivity(req.body), async (context) => {
          turnStarted = true;
          context.turnState.set(TURN_LOGGER, requestLogger.child({ activityType: context.activity.type }));
          await app.run(context);
        });
        res.header('User-Agent', USER_AGENT);
        res.send(answer?.status ?? 200, answer?.body);
      } catch (error) {
        // Before the turn started, the failure is authentication's (a missing, expired, forged or
        // misaddressed token; botbuilder throws its own AuthenticationError or jsonwebtoken's
        // errors): 401. The body never says why: that would help whoever forges tokens.
        if (!turnStarted) {
          requestLogger.warn({ reason: (error as Error).name }, 'refused an unauthenticated request');
          res.send(401, { error: 'unauthorized' });
          return;
        }
        throw error;
      }
    } catch (error) {
      // Error replies never carry a message or a stack: those go to the log only.
      requestLogger.error(
        { err: { name: (error as Error).name, message: (error as Error).message } },
        'request failed',
      );
      if (!res.headersSent) res.send(500, { error: 'internal error' });
    } finally {
      inFlight -= 1;
      if (inFlight === 0) idle?.();
    }
  });

  server.get('/healthz', async (_req: Request, res: Response) => {
    const health = store.health();
    const folderOk = await store.checkStorage();
    const stateOk = storage?.health().ok ?? true;
    const ok = health.ok && folderOk && stateOk;
    res.send(ok ? 200 : 503, {
      status: ok ? 'ok' : 'unavailable',
      mode: config.mode,
      organizations: health.organizations,
      ...(ok
        ? {}
        : {
            reason: !folderOk
              ? 'the account store cannot be read or written'
              : !health.ok
                ? 'the last write to the account store failed'
                : 'the last write of conversation state failed',
          }),
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const address = server.address();
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  logger.info({ host: address.address, port: address.port, mode: config.mode }, 'listening');

  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        closing = true;
        server.close(() => undefined);
        server.server.closeIdleConnections();
        const done = () => {
          server.server.closeAllConnections();
          resolve();
        };
        if (inFlight === 0) done();
        else idle = done;
      }),
  };
}
