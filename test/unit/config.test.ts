import assert from 'node:assert/strict';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../src/config.js';

const APP_ID = '11111111-2222-4333-8444-555555555555';
const TENANT = '5c1f8a2e-3b7d-4e96-8a41-0d2f6b9c7e15';

describe('configuration', () => {
  it('with no credentials: local mode, loopback only, defaults for port and data directory', () => {
    const config = loadConfig({});
    assert.equal(config.mode, 'local');
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.port, 3978);
    assert.equal(config.dataDir, path.resolve('./data'));
    assert.equal(config.credentials, undefined);
  });

  it('local mode refuses to listen beyond loopback, since authentication is off', () => {
    assert.throws(
      () => loadConfig({ HOST: '0.0.0.0' }),
      (error: Error) => error instanceof ConfigError && /HOST=0\.0\.0\.0/.test(error.message),
    );
    assert.equal(loadConfig({ HOST: '::1' }).host, '::1');
  });

  it('NODE_ENV=production without credentials refuses to start and says what is missing', () => {
    assert.throws(() => loadConfig({ NODE_ENV: 'production' }), /no bot credentials are configured.*MicrosoftAppId/s);
  });

  it('half-set credentials are refused, naming the missing variable', () => {
    assert.throws(
      () => loadConfig({ MicrosoftAppId: APP_ID, ALLOWED_TENANTS: TENANT }),
      /Missing: MicrosoftAppPassword/,
    );
    assert.throws(
      () => loadConfig({ MicrosoftAppPassword: 'secret', ALLOWED_TENANTS: TENANT }),
      /Missing: MicrosoftAppId/,
    );
    assert.throws(
      () =>
        loadConfig({
          MicrosoftAppId: APP_ID,
          MicrosoftAppType: 'SingleTenant',
          MicrosoftAppPassword: 's',
          ALLOWED_TENANTS: TENANT,
        }),
      /Missing: MicrosoftAppTenantId/,
    );
    assert.throws(
      () => loadConfig({ MicrosoftAppId: APP_ID, CertificateThumbprint: 'AB12', ALLOWED_TENANTS: TENANT }),
      /Missing: CertificatePrivateKey/,
    );
  });

  it('with complete credentials: production mode, all interfaces by default, bootstrap admins parsed', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 'not-a-real-secret',
      ALLOWED_TENANTS: TENANT.toUpperCase(),
      BOOTSTRAP_ADMINS: `${TENANT}:Alex.Wilber@Contoso.com, ${TENANT}:7a3e9c41-2b5d-4f80-9d16-3c8e5a7b1f01`,
    });
    assert.equal(config.mode, 'production');
    assert.equal(config.host, '0.0.0.0');
    assert.deepEqual(config.allowedTenants, [TENANT]);
    assert.deepEqual(config.bootstrapAdmins, [
      { tenantId: TENANT, identifier: 'alex.wilber@contoso.com', kind: 'email' },
      { tenantId: TENANT, identifier: '7a3e9c41-2b5d-4f80-9d16-3c8e5a7b1f01', kind: 'objectId' },
    ]);
  });

  it('a managed identity needs no password', () => {
    const config = loadConfig({
      MicrosoftAppId: APP_ID,
      MicrosoftAppType: 'UserAssignedMSI',
      MicrosoftAppTenantId: TENANT,
      ALLOWED_TENANTS: TENANT,
    });
    assert.equal(config.credentials?.MicrosoftAppType, 'UserAssignedMSI');
  });

  it('production needs an allow-list of tenants, and bootstrap admins must belong to it', () => {
    assert.throws(
      () => loadConfig({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 's' }),
      /ALLOWED_TENANTS is missing/,
    );
    assert.throws(
      () =>
        loadConfig({
          MicrosoftAppId: APP_ID,
          MicrosoftAppPassword: 's',
          ALLOWED_TENANTS: TENANT,
          BOOTSTRAP_ADMINS: '0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9:a@b.com',
        }),
      /not in ALLOWED_TENANTS/,
    );
  });

  it('a bad value stops start-up with the variable named', () => {
    for (const [env, name] of [
      [{ PORT: 'eighty' }, 'PORT'],
      [{ PORT: '70000' }, 'PORT'],
      [{ LOG_LEVEL: 'chatty' }, 'LOG_LEVEL'],
      [{ MicrosoftAppId: 'not-a-guid' }, 'MicrosoftAppId'],
      [{ ALLOWED_TENANTS: 'contoso' }, 'ALLOWED_TENANTS'],
      [{ BOOTSTRAP_ADMINS: 'alex@contoso.com' }, 'BOOTSTRAP_ADMINS'],
      [{ MAX_BODY_BYTES: '12' }, 'MAX_BODY_BYTES'],
    ] as const) {
      assert.throws(
        () => loadConfig(env),
        (error: Error) => error instanceof ConfigError && error.message.includes(name),
        name,
      );
    }
  });

  it('never echoes a secret in its messages', () => {
    try {
      loadConfig({ MicrosoftAppPassword: 'super-secret-value', ALLOWED_TENANTS: TENANT });
      assert.fail('should have thrown');
    } catch (error) {
      assert.ok(!(error as Error).message.includes('super-secret-value'));
    }
  });
});
