import { pino, type Logger, type DestinationStream } from 'pino';

export type { Logger };

/**
 * Structured JSON-line logs. Secrets and personal data never reach them: the redaction list covers
 * the places botbuilder and our own code could carry a token, a password or a card payload, and
 * `maskEmail` is used wherever an address is worth logging at all.
 */
const REDACTED_PATHS = [
  'req.headers.authorization',
  'headers.authorization',
  'authorization',
  '*.password',
  '*.MicrosoftAppPassword',
  '*.CertificatePrivateKey',
  '*.token',
  'activity.value',
  'value',
  'card',
];

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'partner-admin-bot' },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}

/** "adele.vance@contoso.com" → "a***@contoso.com": enough to tell cases apart, not enough to leak. */
export function maskEmail(email: string | undefined | null): string | undefined {
  if (!email) return undefined;
  const at = email.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${email[0]}***${email.slice(at)}`;
}
