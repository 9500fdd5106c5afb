import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT } from '../../src/paths.js';
import { DEMO_TENANT_ID, demoOrganization } from '../../src/store/demoOrganization.js';
import { OrganizationFileSchema } from '../../src/store/schema.js';

interface PlaygroundUser {
  name: string;
  aadObjectId: string;
  email: string;
  userPrincipleName: string;
}

describe('demo organization and the Agents Playground', () => {
  const config = parse(readFileSync(path.join(REPO_ROOT, '.m365agentsplayground.yml'), 'utf8')) as {
    tenantId: string;
    currentUser: PlaygroundUser;
    users: PlaygroundUser[];
  };
  const demo = demoOrganization('2026-11-20T09:00:00.000Z');

  it('the demo organization is a valid store document', () => {
    assert.ok(OrganizationFileSchema.safeParse(demo).success);
  });

  it('uses the playground tenant', () => {
    assert.equal(config.tenantId, DEMO_TENANT_ID);
  });

  it('every mock user is an active user of the demo organization, by object id and email', () => {
    for (const mock of [config.currentUser, ...config.users]) {
      const user = demo.users.find((candidate) => candidate.aadObjectId === mock.aadObjectId);
      assert.ok(user, `${mock.name} is not in the demo organization`);
      assert.equal(user.displayName, mock.name);
      assert.equal(user.email, mock.email);
      assert.equal(user.status, 'active');
    }
  });

  it("the playground's default user is a Global admin, and the others hold a spread of roles", () => {
    const alex = demo.users.find((user) => user.aadObjectId === config.currentUser.aadObjectId);
    assert.deepEqual(alex?.roles, ['global_admin']);
    const others = config.users.map((mock) => demo.users.find((user) => user.aadObjectId === mock.aadObjectId)!);
    assert.ok(others.every((user) => !user.roles.includes('global_admin')));
    assert.ok(new Set(others.flatMap((user) => user.roles)).size >= 8);
    assert.ok(
      others.some((user) => user.roles.every((role) => role === 'report_viewer')),
      'one non-admin mock user',
    );
  });
});
