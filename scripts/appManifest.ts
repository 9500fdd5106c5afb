import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as AjvDraft04 from 'ajv-draft-04';
import * as AjvFormats from 'ajv-formats';
import { z } from 'zod';
import { MANIFEST_DIR, REPO_ROOT } from '../src/paths.js';

/**
 * The Teams app manifest: manifest/manifest.json is a template whose ${{NAME}} placeholders are
 * filled from the environment at packaging time, then checked against Microsoft's official schema
 * (shipped in @microsoft/app-manifest, draft-04, validated offline).
 */
export const MANIFEST_SCHEMA_VERSION = 'v1.22';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const https = z.string().url().startsWith('https://');

const PackagingEnv = z.object({
  TEAMS_APP_ID: z.string().regex(GUID, 'must be a GUID (the Teams app id)'),
  BOT_ID: z.string().regex(GUID, 'must be the Azure Bot / Entra app id (a GUID)'),
  BOT_DOMAIN: z.string().regex(/^(?!https?:)[a-z0-9.-]+\.[a-z]{2,}$/i, 'must be a host name such as bot.contoso.com'),
  APP_VERSION: z.string().regex(/^\d+\.\d+\.\d+$/),
  PUBLISHER_NAME: z.string().min(1).max(32),
  PUBLISHER_WEBSITE_URL: https,
  PUBLISHER_PRIVACY_URL: https,
  PUBLISHER_TERMS_URL: https,
});
export type PackagingValues = z.infer<typeof PackagingEnv>;

/** Reads the packaging values; BOT_ID falls back to MicrosoftAppId, APP_VERSION to package.json's. */
export function packagingValues(env: NodeJS.ProcessEnv): PackagingValues {
  const version = (JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string })
    .version;
  const parsed = PackagingEnv.safeParse({ APP_VERSION: version, ...env, BOT_ID: env.BOT_ID ?? env.MicrosoftAppId });
  if (!parsed.success) {
    throw new Error(
      `Cannot build the app package:\n  - ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('\n  - ')}`,
    );
  }
  return parsed.data;
}

export function fillManifest(values: PackagingValues): Record<string, unknown> {
  const template = readFileSync(path.join(MANIFEST_DIR, 'manifest.json'), 'utf8');
  const filled = template.replace(/\$\{\{([A-Z_]+)\}\}/g, (_, name: string) => {
    const value = (values as Record<string, string>)[name];
    if (value === undefined) throw new Error(`manifest.json uses \${{${name}}}, which packaging does not provide`);
    return JSON.stringify(value).slice(1, -1);
  });
  return JSON.parse(filled) as Record<string, unknown>;
}

function schema(name: string): object {
  const require = createRequire(import.meta.url);
  const root = path.dirname(require.resolve('@microsoft/app-manifest/package.json'));
  return JSON.parse(
    readFileSync(path.join(root, 'build/json-schemas/teams', MANIFEST_SCHEMA_VERSION, name), 'utf8'),
  ) as object;
}

/** Problems the official schemas find in a manifest and its localization files (empty when valid). */
export function manifestProblems(manifest: object, localizations: Record<string, object>): string[] {
  // Both packages are CommonJS: under NodeNext, `default` of the namespace is module.exports, and the
  // class/function is its own `default` property. The schemas use patterns that are valid JavaScript
  // regular expressions but not in unicode mode, hence unicodeRegExp: false.
  const Ajv = AjvDraft04.default.default;
  const addFormats = AjvFormats.default.default;
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const problems: string[] = [];
  const check = (label: string, schemaName: string, document: object) => {
    const validate = ajv.compile(schema(schemaName));
    if (!validate(document)) {
      for (const error of validate.errors ?? [])
        problems.push(`${label}${error.instancePath || '/'}: ${error.message}`);
    }
  };
  check('manifest.json', 'MicrosoftTeams.schema.json', manifest);
  for (const [file, document] of Object.entries(localizations))
    check(file, 'MicrosoftTeams.Localization.schema.json', document);
  return problems;
}

export function readLocalizations(manifest: {
  localizationInfo?: { additionalLanguages?: { file: string }[] };
}): Record<string, object> {
  return Object.fromEntries(
    (manifest.localizationInfo?.additionalLanguages ?? []).map(({ file }) => [
      file,
      JSON.parse(readFileSync(path.join(MANIFEST_DIR, file), 'utf8')) as object,
    ]),
  );
}
