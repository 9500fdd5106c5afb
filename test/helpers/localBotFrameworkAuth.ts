import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';

/**
 * Bot Framework authentication without Microsoft: a loopback OpenID endpoint publishing our own
 * signing key, and tokens signed with it. botbuilder validates them with its real code (issuer,
 * audience, expiry, signature, endorsements, serviceurl claim); only where the keys come from is
 * changed, through the adapter's documented configuration overrides.
 */
export const CHANNEL_ISSUER = 'https://api.botframework.com';
const KEY_ID = 'local-test-key';

export interface TokenClaims {
  aud?: string;
  iss?: string;
  serviceurl?: string;
  /** Seconds from now; negative for an expired token. */
  expiresIn?: number;
}

export interface LocalBotFrameworkAuth {
  overrides: Partial<ConfigurationBotFrameworkAuthenticationOptions>;
  /** A compact JWS signed with the published key (or with `signingKey`, to forge one). */
  token(claims: TokenClaims, signingKey?: KeyObject): string;
  /** A key that is not published: tokens signed with it must be refused. */
  strangerKey: KeyObject;
  /** How many times botbuilder fetched the metadata (proves validation really went through it). */
  fetches: () => number;
  close(): Promise<void>;
}

const base64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

export async function startLocalBotFrameworkAuth(): Promise<LocalBotFrameworkAuth> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const jwk = publicKey.export({ format: 'jwk' });
  let fetches = 0;
  const server: Server = createServer((req, res) => {
    fetches += 1;
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    res.setHeader('content-type', 'application/json');
    if (req.url === '/openid') {
      res.end(
        JSON.stringify({
          issuer: CHANNEL_ISSUER,
          jwks_uri: `${base}/keys`,
          id_token_signing_alg_values_supported: ['RS256'],
        }),
      );
    } else if (req.url === '/keys') {
      res.end(
        JSON.stringify({
          keys: [{ kty: 'RSA', use: 'sig', kid: KEY_ID, n: jwk.n, e: jwk.e, endorsements: ['msteams'] }],
        }),
      );
    } else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    overrides: {
      ToBotFromChannelOpenIdMetadataUrl: `${base}/openid`,
      ToBotFromEmulatorOpenIdMetadataUrl: `${base}/openid`,
      ToBotFromChannelTokenIssuer: CHANNEL_ISSUER,
      // Outbound calls are never made with expectReplies; if one were, it would fail here, not reach Microsoft.
      ToChannelFromBotLoginUrl: `${base}/login`,
      ToChannelFromBotOAuthScope: CHANNEL_ISSUER,
      OAuthUrl: `${base}/oauth`,
      ValidateAuthority: false,
    },
    strangerKey: stranger,
    token(claims, signingKey = privateKey) {
      const now = Math.floor(Date.now() / 1000);
      const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: KEY_ID }));
      const payload = base64url(
        JSON.stringify({
          iss: claims.iss ?? CHANNEL_ISSUER,
          aud: claims.aud,
          serviceurl: claims.serviceurl,
          nbf: now - 60,
          iat: now - 60,
          exp: now + (claims.expiresIn ?? 3600),
        }),
      );
      const signature = createSign('RSA-SHA256').update(`${header}.${payload}`).sign(signingKey);
      return `${header}.${payload}.${base64url(signature)}`;
    },
    fetches: () => fetches,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
