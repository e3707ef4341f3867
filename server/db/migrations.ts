// The server's schema, as numbered migrations run in order at start (the same SQL on PGlite and PostgreSQL).
// Several server processes may start at once against one PostgreSQL: an advisory lock makes one of them migrate.
import type { Database } from './database';

interface Migration {
  id: number;
  name: string;
  statements: string[];
}

const DAY = `text not null check (%s ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$')`;
const day = (column: string) => `${column} ${DAY.replace('%s', column)}`;

export const migrations: readonly Migration[] = [
  {
    id: 1,
    name: 'district, sites, devices, roster, consents, templates, events',
    statements: [
      `create table district (
        id text primary key,
        name text not null,
        epoch text not null,
        bundle_key_id text not null,
        bundle_private_jwk jsonb not null,
        bundle_public_jwk jsonb not null,
        created_at_ms bigint not null)`,
      `create table sites (
        id text primary key,
        district_id text not null references district(id),
        name text not null,
        time_zone text not null,
        revision integer not null default 1,
        settings jsonb not null,
        created_at_ms bigint not null)`,
      `create table pairing_codes (
        code_hash text primary key,
        site_id text not null references sites(id),
        created_at_ms bigint not null,
        expires_at_ms bigint not null,
        used_at_ms bigint,
        used_by_device text)`,
      `create table devices (
        id text primary key,
        site_id text not null references sites(id),
        name text not null,
        public_jwk jsonb not null,
        paired_at_ms bigint not null,
        revoked_at_ms bigint,
        last_seen_at_ms bigint,
        head_seq integer not null default 0,
        head_hash text not null,
        head_epoch text not null)`,
      `create table request_nonces (
        device_id text not null references devices(id),
        nonce text not null,
        created_s bigint not null,
        primary key (device_id, nonce))`,
      `create index request_nonces_created on request_nonces (created_s)`,
      `create table children (
        id text primary key,
        site_id text not null references sites(id),
        display_name text not null,
        group_name text not null default '',
        created_at_ms bigint not null,
        removed_at_ms bigint)`,
      `create index children_site on children (site_id)`,
      `create table bracelets (
        uid text primary key,
        child_id text not null references children(id))`,
      `create table consents (
        id text primary key,
        child_id text not null references children(id),
        guardian_name text not null,
        guardian_relation text not null default '',
        scope text not null check (scope = 'face'),
        ${day('granted_on')},
        ${day('expires_on')},
        revoked_on text check (revoked_on is null or revoked_on ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
        created_at_ms bigint not null,
        check (expires_on >= granted_on),
        check (expires_on::date <= (granted_on::date + interval '12 months')::date))`,
      `create index consents_child on consents (child_id)`,
      `create table templates (
        id text primary key,
        child_id text not null references children(id),
        device_id text references devices(id),
        key_version integer not null,
        created_at_ms bigint not null,
        ciphertext text not null,
        uploaded_at_ms bigint not null)`,
      `create index templates_child on templates (child_id)`,
      `create table events (
        id uuid primary key,
        device_id text not null references devices(id),
        seq integer not null,
        hash text not null,
        prev_hash text not null,
        type text not null,
        child_id text not null,
        day_key text not null,
        at_ms bigint not null,
        body jsonb not null,
        received_at_ms bigint not null,
        epoch text not null,
        unique (device_id, seq))`,
      `create index events_day on events (day_key, child_id)`,
      `create table chain_gaps (
        device_id text not null references devices(id),
        from_seq integer not null,
        to_seq integer not null,
        epoch text not null,
        recorded_at_ms bigint not null)`,
      `create table purge_receipts (
        id text primary key,
        device_id text not null references devices(id),
        child_id text not null,
        template_ids jsonb not null,
        purged_at_ms bigint not null,
        reason text not null,
        bundle_version integer,
        received_at_ms bigint not null)`,
      `create table audit_log (
        id bigserial primary key,
        at_ms bigint not null,
        actor text not null,
        action text not null,
        details jsonb not null)`,
    ],
  },
  {
    id: 2,
    name: 'device audit logs',
    statements: [
      `create table device_audit (
        device_id text not null references devices(id),
        seq integer not null,
        at_ms bigint not null,
        kind text not null,
        child_id text,
        body jsonb not null,
        prev_hash text not null,
        hash text not null,
        received_at_ms bigint not null,
        primary key (device_id, seq))`,
      `alter table devices add column audit_seq integer not null default 0`,
      `alter table devices add column audit_hash text`,
    ],
  },
  {
    id: 3,
    name: 'district template keys',
    statements: [
      `create table template_keys (
        key_version integer primary key check (key_version >= 1),
        secret text not null,
        created_at_ms bigint not null)`,
    ],
  },
  {
    id: 4,
    name: 'device signatures on purge receipts',
    statements: [`alter table purge_receipts add column signature text`],
  },
  {
    id: 5,
    name: 'template key rotation: retired versions, the version each tablet renewed to',
    statements: [
      // A retired version's secret is deleted (null); the row stays as the record of the version.
      `alter table template_keys alter column secret drop not null`,
      `alter table template_keys add column retired_at_ms bigint`,
      `alter table template_keys add check (retired_at_ms is null or secret is null)`,
      // Null: unknown (paired before keys were sent, or before this migration): the tablet renews at its next sync.
      `alter table devices add column template_key_version integer`,
      `alter table devices add column template_key_renewed_at_ms bigint`,
    ],
  },
  {
    id: 6,
    name: 'twin flags confirmed by staff on a tablet',
    statements: [
      // One row per pair, the smaller child id first.
      `create table twin_flags (
        child_a text not null references children(id),
        child_b text not null references children(id),
        site_id text not null references sites(id),
        device_id text references devices(id),
        flagged_at_ms bigint not null,
        received_at_ms bigint not null,
        primary key (child_a, child_b),
        check (child_a < child_b))`,
      `create index twin_flags_site on twin_flags (site_id)`,
    ],
  },
  // 10-19: hardening (issue 12).
  {
    id: 10,
    name: 'attendance events refused as implausible (kept in the chain, never counted)',
    statements: [`alter table events add column refused text`],
  },
  {
    id: 11,
    name: 'audit log read newest first along indexes (keyset paging), overall and by kind',
    statements: [
      `create index audit_log_time on audit_log (at_ms, id)`,
      `create index audit_log_action_time on audit_log (action, at_ms, id)`,
      `create index device_audit_time on device_audit (at_ms, device_id, seq)`,
      `create index device_audit_kind_time on device_audit (kind, at_ms, device_id, seq)`,
    ],
  },
];

/** Applies the migrations this database lacks, each in its own transaction, under an advisory lock. */
export async function migrate(db: Database): Promise<number[]> {
  const applied: number[] = [];
  await db.transaction(async (tx) => {
    // Serialises concurrent starters; released at commit.
    await tx.query('select pg_advisory_xact_lock(727001)');
    await tx.query(
      'create table if not exists schema_migrations (id integer primary key, name text not null, applied_at_ms bigint not null)',
    );
    const done = new Set((await tx.query<{ id: number }>('select id from schema_migrations')).map((r) => r.id));
    for (const m of migrations) {
      if (done.has(m.id)) continue;
      for (const statement of m.statements) await tx.query(statement);
      await tx.query('insert into schema_migrations (id, name, applied_at_ms) values ($1, $2, $3)', [m.id, m.name, Date.now()]);
      applied.push(m.id);
    }
  });
  return applied;
}
