import path from 'node:path';
import { z } from 'zod';

/**
 * Configuration is read once, from the environment, at start-up. A bad value stops the process
 * with a message that names the variable, so an operator never runs a half-configured bot.
 *
 * Two run modes:
 * - local: no bot credentials. Authentication is off, so the server must only be reachable from
 *   this machine (loopback), and a demo organization is seeded for the Agents Playground.
 * - production: credentials configured. Authentication is on, no demo data, the first Global
 *   admins and the allowed tenants come from configuration.
 */

export type RunMode = 'local' | 'production';
export type AppType = 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';

export interface BootstrapAdmin {
  tenantId: string;
  /** Entra object id or work email (lower-cased). */
  identifier: string;
  kind: 'objectId' | 'email';
}

export interface BotCredentials {
  MicrosoftAppId: string;
  MicrosoftAppType: AppType;
  MicrosoftAppTenantId?: string;
  MicrosoftAppPassword?: string;
  CertificateThumbprint?: string;
  CertificatePrivateKey?: string;
  /** botbuilder's own setting: where token-signing keys come from (default: Microsoft's public cloud). */
  BotOpenIdMetadata?: string;
}

export interface AppConfig {
  mode: RunMode;
  host: string;
  port: number;
  dataDir: string;
  /** PostgreSQL for the account store and the conversation state (several instances); lowdb files under dataDir when absent. */
  databaseUrl?: string;
  logLevel: string;
  credentials?: BotCredentials;
  allowedTenants: string[];
  bootstrapAdmins: BootstrapAdmin[];
  /** Largest accepted request body, in bytes. */
  maxBodyBytes: number;
  /** Longest a call to the Bot Connector service (a reply, the roster) may take, retries included. */
  outboundTimeoutMs: number;
  /** Turns one person may send at once, then per minute (see SenderThrottle). */
  throttle: { burst: number; perMinute: number };
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1']);

const blankToUndefined = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : typeof value === 'string' ? value.trim() : value;

const optionalString = z.preprocess(blankToUndefined, z.string().optional());

const guidList = z.preprocess(
  blankToUndefined,
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      const items = (value ?? '')
        .split(',')
        .map((item) => item.trim().toLowerCase())
        .filter(Boolean);
      for (const item of items) {
        if (!GUID.test(item))
          ctx.addIssue({ code: z.ZodIssueCode.custom, message: `"${item}" is not a tenant id (GUID)` });
      }
      return items;
    }),
);

const bootstrapList = z.preprocess(
  blankToUndefined,
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      const entries = (value ?? '')
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean);
      const admins: BootstrapAdmin[] = [];
      for (const entry of entries) {
        const separator = entry.indexOf(':');
        const tenantId = entry.slice(0, separator).toLowerCase();
        const identifier = entry.slice(separator + 1).toLowerCase();
        if (separator < 0 || !GUID.test(tenantId)) {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            message: `"${entry}" must look like <tenant-id>:<object-id or email>`,
          });
        } else if (GUID.test(identifier)) {
          admins.push({ tenantId, identifier, kind: 'objectId' });
        } else if (EMAIL.test(identifier)) {
          admins.push({ tenantId, identifier, kind: 'email' });
        } else {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            message: `"${identifier}" is neither an Entra object id nor an email`,
          });
        }
      }
      return admins;
    }),
);

const EnvSchema = z.object({
  NODE_ENV: optionalString,
  HOST: optionalString,
  PORT: z.preprocess(blankToUndefined, z.coerce.number().int().min(0).max(65535).default(3978)),
  DATA_DIR: z.preprocess(blankToUndefined, z.string().default('./data')),
  DATABASE_URL: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// connection URL')
      .optional(),
  ),
  LOG_LEVEL: z.preprocess(
    blankToUndefined,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
  MAX_BODY_BYTES: z.preprocess(blankToUndefined, z.coerce.number().int().min(1024).max(10_485_760).default(262_144)),
  OUTBOUND_TIMEOUT_MS: z.preprocess(blankToUndefined, z.coerce.number().int().min(100).max(60_000).default(5_000)),
  USER_TURN_BURST: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(1_000_000).default(20)),
  USER_TURNS_PER_MINUTE: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(10_000_000).default(60)),
  MicrosoftAppId: z.preprocess(
    blankToUndefined,
    z.string().regex(GUID, "must be the bot's app id (a GUID)").optional(),
  ),
  MicrosoftAppPassword: optionalString,
  MicrosoftAppType: z.preprocess(
    blankToUndefined,
    z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).optional(),
  ),
  MicrosoftAppTenantId: z.preprocess(blankToUndefined, z.string().regex(GUID, 'must be a tenant id (GUID)').optional()),
  CertificateThumbprint: optionalString,
  CertificatePrivateKey: optionalString,
  BotOpenIdMetadata: z.preprocess(blankToUndefined, z.string().url().optional()),
  ALLOWED_TENANTS: guidList,
  BOOTSTRAP_ADMINS: bootstrapList,
});

const CREDENTIAL_VARIABLES = [
  'MicrosoftAppId',
  'MicrosoftAppPassword',
  'MicrosoftAppType',
  'MicrosoftAppTenantId',
  'CertificateThumbprint',
  'CertificatePrivateKey',
] as const;

/** Reads and validates the configuration; throws ConfigError naming every variable at fault. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
  const vars = parsed.data;
  const anyCredential = CREDENTIAL_VARIABLES.some((name) => vars[name] !== undefined);
  const isProductionEnv = vars.NODE_ENV === 'production';

  if (!anyCredential) {
    if (isProductionEnv) {
      throw new ConfigError(
        'NODE_ENV=production but no bot credentials are configured. Set MicrosoftAppId and ' +
          'MicrosoftAppPassword (or CertificateThumbprint + CertificatePrivateKey, or MicrosoftAppType=UserAssignedMSI ' +
          'with MicrosoftAppTenantId), plus ALLOWED_TENANTS. Without NODE_ENV=production the bot runs in local mode.',
      );
    }
    const host = vars.HOST ?? '127.0.0.1';
    if (!LOOPBACK_HOSTS.has(host)) {
      throw new ConfigError(
        `HOST=${host}: in local mode (no bot credentials) authentication is off, so the bot only listens on loopback ` +
          '(127.0.0.1, ::1 or localhost). Configure credentials to listen elsewhere.',
      );
    }
    return {
      mode: 'local',
      host,
      port: vars.PORT,
      dataDir: path.resolve(vars.DATA_DIR),
      ...(vars.DATABASE_URL ? { databaseUrl: vars.DATABASE_URL } : {}),
      logLevel: vars.LOG_LEVEL,
      allowedTenants: vars.ALLOWED_TENANTS,
      bootstrapAdmins: vars.BOOTSTRAP_ADMINS,
      maxBodyBytes: vars.MAX_BODY_BYTES,
      outboundTimeoutMs: vars.OUTBOUND_TIMEOUT_MS,
      throttle: { burst: vars.USER_TURN_BURST, perMinute: vars.USER_TURNS_PER_MINUTE },
    };
  }

  const credentials = checkCredentials(vars);
  if (vars.ALLOWED_TENANTS.length === 0) {
    throw new ConfigError(
      'ALLOWED_TENANTS is missing: with credentials configured, list the tenant ids (comma-separated) allowed to use the bot.',
    );
  }
  const strayAdmins = vars.BOOTSTRAP_ADMINS.filter((admin) => !vars.ALLOWED_TENANTS.includes(admin.tenantId));
  if (strayAdmins.length > 0) {
    throw new ConfigError(
      `BOOTSTRAP_ADMINS names tenants that are not in ALLOWED_TENANTS: ${strayAdmins.map((admin) => admin.tenantId).join(', ')}`,
    );
  }
  return {
    mode: 'production',
    host: vars.HOST ?? '0.0.0.0',
    port: vars.PORT,
    dataDir: path.resolve(vars.DATA_DIR),
    ...(vars.DATABASE_URL ? { databaseUrl: vars.DATABASE_URL } : {}),
    logLevel: vars.LOG_LEVEL,
    credentials,
    allowedTenants: vars.ALLOWED_TENANTS,
    bootstrapAdmins: vars.BOOTSTRAP_ADMINS,
    maxBodyBytes: vars.MAX_BODY_BYTES,
    outboundTimeoutMs: vars.OUTBOUND_TIMEOUT_MS,
    throttle: { burst: vars.USER_TURN_BURST, perMinute: vars.USER_TURNS_PER_MINUTE },
  };
}

type ParsedEnv = z.infer<typeof EnvSchema>;

/** Credentials must be complete for the chosen app type; half-set credentials are refused by name. */
function checkCredentials(vars: ParsedEnv): BotCredentials {
  const appType: AppType = vars.MicrosoftAppType ?? 'MultiTenant';
  const missing: string[] = [];
  if (!vars.MicrosoftAppId) missing.push('MicrosoftAppId');
  if (appType !== 'MultiTenant' && !vars.MicrosoftAppTenantId) missing.push('MicrosoftAppTenantId');
  const hasCertificate = Boolean(vars.CertificateThumbprint || vars.CertificatePrivateKey);
  if (hasCertificate) {
    if (!vars.CertificateThumbprint) missing.push('CertificateThumbprint');
    if (!vars.CertificatePrivateKey) missing.push('CertificatePrivateKey');
  } else if (appType !== 'UserAssignedMSI' && !vars.MicrosoftAppPassword) {
    missing.push('MicrosoftAppPassword (or CertificateThumbprint + CertificatePrivateKey)');
  }
  if (missing.length > 0) {
    throw new ConfigError(
      `Bot credentials are incomplete for MicrosoftAppType=${appType}. Missing: ${missing.join(', ')}`,
    );
  }
  return {
    MicrosoftAppId: vars.MicrosoftAppId as string,
    MicrosoftAppType: appType,
    MicrosoftAppTenantId: vars.MicrosoftAppTenantId,
    MicrosoftAppPassword: vars.MicrosoftAppPassword,
    CertificateThumbprint: vars.CertificateThumbprint,
    CertificatePrivateKey: vars.CertificatePrivateKey,
    ...(vars.BotOpenIdMetadata ? { BotOpenIdMetadata: vars.BotOpenIdMetadata } : {}),
  };
}
