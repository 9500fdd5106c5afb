import pg from 'pg';
import { CHANGES_CHANNEL } from './changeFeed.js';

/**
 * The PostgreSQL database behind the account store and the conversation state, when DATABASE_URL
 * is set. Its schema is versioned: the migrations below run at start-up, in order, each in its own
 * transaction, under an advisory lock, so two instances starting together migrate once and neither
 * starts on a half-made schema.
 *
 * Documents and state are stored as `json`, not `jsonb`: the text is kept as written, so an
 * organization exported from the database is byte for byte what was imported.
 */
export type Pool = pg.Pool;
export type Client = pg.PoolClient;

/** Any fixed number: the key two starting instances take turns on. */
const MIGRATION_LOCK = 73_400_417;

export const MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'organizations, append-only audit log, conversation state',
    sql: `
      CREATE TABLE organizations (
        tenant_id text PRIMARY KEY,
        -- Moves on with every write to the organization (a refusal too): what an instance's copy is checked against.
        version bigint NOT NULL,
        -- The organization document with its lists of records (users…) and its audit log left empty:
        -- those are rows of their own, so a change writes only what it touched.
        document json NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE organization_records (
        tenant_id text NOT NULL REFERENCES organizations (tenant_id),
        part text NOT NULL,
        record_id text NOT NULL,
        -- The record's place in its list, kept when it is replaced.
        ordinal integer NOT NULL,
        record json NOT NULL,
        PRIMARY KEY (tenant_id, part, record_id)
      );
      CREATE TABLE audit_entries (
        seq bigserial PRIMARY KEY,
        tenant_id text NOT NULL REFERENCES organizations (tenant_id),
        entry_id text NOT NULL,
        entry json NOT NULL,
        UNIQUE (tenant_id, entry_id)
      );
      CREATE INDEX audit_entries_by_tenant ON audit_entries (tenant_id, seq);
      -- The audit log is a trail: the database itself refuses to rewrite or delete it.
      CREATE FUNCTION refuse_audit_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION 'the audit log is append-only';
        END
      $$;
      CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON audit_entries
        FOR EACH ROW EXECUTE FUNCTION refuse_audit_rewrite();
      CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON audit_entries
        FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_rewrite();
      CREATE TABLE conversation_state (
        key text PRIMARY KEY,
        etag bigint NOT NULL,
        value json NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'handled activities (a re-sent activity is handled once)',
    sql: `
      CREATE TABLE handled_activities (
        conversation_id text NOT NULL,
        activity_id text NOT NULL,
        handled_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (conversation_id, activity_id)
      );
      CREATE INDEX handled_activities_by_time ON handled_activities (handled_at);
    `,
  },
  {
    version: 3,
    name: 'handled activities kept out of the write-ahead log',
    // Every turn claims its activity id: as a logged table, that was a commit flush per turn, read
    // turns included. Unlogged, a claim costs no flush; what is lost is only this table's content
    // if the server itself crashes (or fails over), and with it the memory of the last seconds'
    // ids, so a message Teams re-sends just then may be answered twice. Changes never depend on it:
    // each is confirmed by a click, which its flow answers once.
    sql: `ALTER TABLE handled_activities SET UNLOGGED;`,
  },
  {
    version: 4,
    name: 'organization writes announced to every instance',
    // When a write to an organization commits, every instance listening (changeFeed.ts) learns
    // which one, and from whom: the connection's application_name is the writing instance.
    sql: `
      CREATE FUNCTION announce_organization_write() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          PERFORM pg_notify('${CHANGES_CHANNEL}', json_build_object(
            'schema', TG_TABLE_SCHEMA,
            'tenant', NEW.tenant_id,
            'from', current_setting('application_name')
          )::text);
          RETURN NULL;
        END
      $$;
      CREATE TRIGGER organizations_announce_write AFTER INSERT OR UPDATE ON organizations
        FOR EACH ROW EXECUTE FUNCTION announce_organization_write();
    `,
  },
  {
    version: 5,
    name: 'conversation state writes announced to every instance',
    // As for organizations. A key too long to name in a notification (8,000 bytes, escaped) is announced as
    // "some key": listeners forget every key they kept.
    sql: `
      CREATE FUNCTION announce_state_write() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE
          written text := CASE WHEN TG_OP = 'DELETE' THEN OLD.key ELSE NEW.key END;
        BEGIN
          PERFORM pg_notify('${CHANGES_CHANNEL}', json_build_object(
            'schema', TG_TABLE_SCHEMA,
            'state', CASE WHEN octet_length(written) <= 1000 THEN written END,
            'from', current_setting('application_name')
          )::text);
          RETURN NULL;
        END
      $$;
      CREATE TRIGGER conversation_state_announce_write AFTER INSERT OR UPDATE OR DELETE ON conversation_state
        FOR EACH ROW EXECUTE FUNCTION announce_state_write();
    `,
  },
  {
    version: 6,
    name: 'records stamped with the version that wrote them',
    // An instance whose copy is behind reads only the records written since its version, not the
    // whole organization (10,000 users) at each change another instance made.
    sql: `
      ALTER TABLE organization_records ADD COLUMN version bigint NOT NULL DEFAULT 0;
      CREATE INDEX organization_records_by_version ON organization_records (tenant_id, version);
    `,
  },
];

/**
 * A handful of connections per instance: turns are short, and several instances share the server.
 * `instance` names the connections (application_name), so the change feed can tell an instance's
 * own writes from others'.
 */
export function createPool(connectionString: string, instance?: string): Pool {
  return new pg.Pool({
    connectionString,
    max: 10,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 10_000,
    ...(instance ? { application_name: instance } : {}),
  });
}

/** Applies the migrations this database lacks; answers the versions it applied. */
export async function migrate(pool: Pool): Promise<number[]> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await client.query(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
      );
      const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
      const done = new Set(rows.map((row) => row.version));
      const applied: number[] = [];
      for (const migration of MIGRATIONS) {
        if (done.has(migration.version)) continue;
        await inTransaction(client, async () => {
          await client.query(migration.sql);
          await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
            migration.version,
            migration.name,
          ]);
        });
        applied.push(migration.version);
      }
      return applied;
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}

export async function inTransaction<T>(client: Client, work: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    const result = await work();
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** One consistent view of the database for several reads (the document and its audit log agree). */
export async function inSnapshot<T>(client: Client, work: () => Promise<T>): Promise<T> {
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    return await work();
  } finally {
    await client.query('COMMIT').catch(() => undefined);
  }
}

/**
 * The same database, with every name read from `schema` first (a place of its own for one test
 * run or one bench scenario); the schema is created here.
 */
export async function urlForNewSchema(databaseUrl: string, schema: string): Promise<string> {
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE SCHEMA ${schema}`);
  } finally {
    await admin.end();
  }
  const url = new URL(databaseUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}
