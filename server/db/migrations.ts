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
  {
    id: 20,
    name: 'bundle deltas: the site revision at which each child last changed, stamped by triggers',
    statements: [
      // A child's roster entry, bracelets, consents, templates or twin flags changed at site revision `rev`: a tablet
      // holding an older version gets this child in its delta. Kept by the triggers below, so no code path can change
      // a child without its site's version moving and the child being named (a missed change would be a withdrawn
      // consent never reaching a tablet). No foreign key: it must never stand in the way of the rows it describes.
      `create table child_changes (
        child_id text primary key,
        site_id text not null,
        rev integer not null)`,
      `create index child_changes_site_rev on child_changes (site_id, rev)`,
      // Deltas reach back only to versions the triggers saw; a tablet holding an older one gets the full bundle.
      `alter table sites add column delta_floor integer not null default 0`,
      `update sites set delta_floor = revision`,
      // The version at which the site's settings last changed: a tablet behind it gets the full bundle (switching
      // biometrics off purges every child's templates, which is not a change of some children).
      `alter table sites add column settings_rev integer not null default 0`,
      `create function gk_settings_rev() returns trigger language plpgsql as $$
       begin
         new.settings_rev := new.revision;
         return new;
       end $$`,
      `create trigger sites_settings_rev before update on sites for each row
       when (old.settings is distinct from new.settings) execute function gk_settings_rev()`,
      // One version step per statement and site, whatever the number of rows: bulk changes stay cheap.
      `create function gk_stamp_children(ids text[]) returns void language plpgsql as $$
       begin
         if ids is null then return; end if;
         with kids as (select id, site_id from children where id = any(ids)),
              bumped as (update sites s set revision = s.revision + 1
                         where s.id in (select distinct site_id from kids) returning s.id, s.revision)
         insert into child_changes (child_id, site_id, rev)
         select k.id, k.site_id, b.revision from kids k join bumped b on b.id = k.site_id
         on conflict (child_id) do update set rev = excluded.rev, site_id = excluded.site_id;
       end $$`,
      `create function gk_stamp_from_children() returns trigger language plpgsql as $$
       begin perform gk_stamp_children((select array_agg(id) from changed)); return null; end $$`,
      `create function gk_stamp_from_child_id() returns trigger language plpgsql as $$
       begin perform gk_stamp_children((select array_agg(child_id) from changed)); return null; end $$`,
      `create function gk_stamp_from_twins() returns trigger language plpgsql as $$
       begin
         perform gk_stamp_children((select array_agg(x) from (select child_a as x from changed union select child_b from changed) t));
         return null;
       end $$`,
      ...stampTriggers('children', 'gk_stamp_from_children'),
      ...stampTriggers('bracelets', 'gk_stamp_from_child_id'),
      ...stampTriggers('consents', 'gk_stamp_from_child_id'),
      ...stampTriggers('templates', 'gk_stamp_from_child_id'),
      ...stampTriggers('twin_flags', 'gk_stamp_from_twins'),
    ],
  },
  {
    id: 21,
    name: 'indexes for the hot paths of a district of many sites',
    statements: [
      // Bracelets of a child (removal, the bundle, the admin roster) without reading every bracelet of the district.
      `create index bracelets_child on bracelets (child_id)`,
      // Tablets of a site (the daily report, the admin page).
      `create index devices_site on devices (site_id)`,
      // The daily report reads the day of the site's tablets, not the whole district's day: with a district-wide day
      // index beside it, the planner (PGlite never refreshes its statistics by itself) read the district's whole day.
      `create index events_device_day on events (device_id, day_key)`,
      `drop index events_day`,
    ],
  },
  {
    id: 22,
    name: 'authorised pickups: adults allowed to collect a child, and do-not-release entries',
    statements: [
      // No photo, no biometrics: a name, a relation, their own NFC cards or bracelets (UIDs), and a pickup code only as
      // a salted slow hash (server/services/pickup-code.ts). Cards are unique among a site's pickup adults and never a
      // child's bracelet: server/services/pickups.ts checks that with the site row locked.
      `create table pickup_adults (
        id text primary key,
        site_id text not null references sites(id),
        child_id text not null references children(id),
        name text not null,
        relation text not null default '',
        cards text[] not null default '{}',
        code_hash jsonb,
        valid_from text check (valid_from is null or valid_from ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
        valid_to text check (valid_to is null or valid_to ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
        created_at_ms bigint not null,
        updated_at_ms bigint not null,
        check (cardinality(cards) > 0 or code_hash is not null),
        check (valid_from is null or valid_to is null or valid_to >= valid_from))`,
      `create index pickup_adults_child on pickup_adults (child_id)`,
      `create index pickup_adults_site on pickup_adults (site_id)`,
      `create table do_not_release (
        id text primary key,
        site_id text not null references sites(id),
        child_id text not null references children(id),
        name text not null,
        reason text not null,
        cards text[] not null default '{}',
        created_at_ms bigint not null)`,
      `create index do_not_release_child on do_not_release (child_id)`,
      `create index do_not_release_site on do_not_release (site_id)`,
      // A child's pickups travel with the child in bundle deltas: every change stamps the child and moves the site's
      // version, as for the roster's own tables (migration 20).
      ...stampTriggers('pickup_adults', 'gk_stamp_from_child_id'),
      ...stampTriggers('do_not_release', 'gk_stamp_from_child_id'),
    ],
  },
  {
    id: 23,
    name: "each tablet's latest recognition self-test (numbers and counts only)",
    statements: [
      // One row per tablet: a newer report replaces it. The body is the contract's RecognitionReportUpload, which has
      // no child id, name or template in it.
      `create table recognition_reports (
        device_id text primary key references devices(id),
        site_id text not null references sites(id),
        computed_at_ms bigint not null,
        received_at_ms bigint not null,
        body jsonb not null)`,
      `create index recognition_reports_site on recognition_reports (site_id)`,
    ],
  },
  {
    id: 24,
    name: 'people: accounts with roles, passkeys, one-time invitations, sessions; guardians and their children; absences; who made a consent',
    statements: [
      // A person, never a shared secret: a district admin, a site's director or teacher, or a parent (a guardian of the
      // children linked in account_children). Disabling keeps the row (the audit log names it) and ends its sessions.
      `create table accounts (
        id text primary key,
        display_name text not null,
        role text not null check (role in ('district-admin', 'site-director', 'teacher', 'parent')),
        site_id text references sites(id),
        created_at_ms bigint not null,
        disabled_at_ms bigint,
        check ((role in ('site-director', 'teacher')) = (site_id is not null)))`,
      `create table account_children (
        account_id text not null references accounts(id),
        child_id text not null references children(id),
        primary key (account_id, child_id))`,
      `create index account_children_child on account_children (child_id)`,
      // WebAuthn credentials (public keys only; the private key never leaves the person's authenticator).
      `create table passkeys (
        credential_id text primary key,
        account_id text not null references accounts(id),
        public_key text not null,
        counter bigint not null default 0,
        transports jsonb not null default '[]',
        created_at_ms bigint not null,
        last_used_at_ms bigint)`,
      `create index passkeys_account on passkeys (account_id)`,
      // Only the SHA-256 of an invitation code or a session token is stored: a copy of the database opens nothing.
      `create table invitations (
        code_hash text primary key,
        account_id text not null references accounts(id),
        created_by text not null,
        created_at_ms bigint not null,
        expires_at_ms bigint not null,
        used_at_ms bigint)`,
      `create index invitations_account on invitations (account_id)`,
      `create table sessions (
        token_hash text primary key,
        account_id text not null references accounts(id),
        created_at_ms bigint not null,
        expires_at_ms bigint not null,
        last_seen_at_ms bigint not null)`,
      `create index sessions_account on sessions (account_id)`,
      // A WebAuthn challenge lives in the database, not in one process's memory: any server process may finish a ceremony.
      `create table webauthn_challenges (
        id text primary key,
        challenge text not null,
        purpose text not null check (purpose in ('register', 'sign-in')),
        code_hash text,
        expires_at_ms bigint not null)`,
      // A day a parent (or staff) said a child will not come, with the reason from a short list.
      `create table absences (
        id text primary key,
        child_id text not null references children(id),
        ${day('day')},
        reason text not null check (reason in ('illness', 'family', 'holiday', 'other')),
        note text not null default '',
        reported_by text not null,
        created_at_ms bigint not null,
        unique (child_id, day))`,
      // An absence travels with its child in bundle deltas, as the roster's own tables do (migration 20).
      ...stampTriggers('absences', 'gk_stamp_from_child_id'),
      // A parent's page reads one child's days: along this index, not the district's whole day.
      `create index events_child_day on events (child_id, day_key)`,
      // Who made a consent: the district (admin page, CLI) or the parent on the parents' page.
      `alter table consents add column made_by text not null default 'district' check (made_by in ('district', 'parent'))`,
      `alter table consents add column made_by_account text`,
    ],
  },
  {
    id: 25,
    name: 'who collected a child: the pickup entry and how the tablet confirmed them, on check-out events',
    statements: [
      // The event body (jsonb) is what the tablet hashed and stays as it was; these columns are its `pickup` for queries
      // (a report of who collected whom, an adult's entry removed later still named by id).
      `alter table events add column pickup_id text`,
      `alter table events add column pickup_method text check (pickup_method in ('card', 'code', 'staff'))`,
      `update events set pickup_id = body->'pickup'->>'pickupId', pickup_method = body->'pickup'->>'method' where body ? 'pickup'`,
      `create index events_pickup on events (pickup_id) where pickup_id is not null`,
    ],
  },
  {
    id: 26,
    name: 'the register a director signs: approved versions (immutable snapshots, signed) and corrections after approval',
    statements: [
      // One row per approved version of a group's day: the content as approved, its SHA-256 and the district's signature.
      // Never changed or deleted (the trigger below): a correction makes a new version, the earlier stays readable.
      `create table register_approvals (
        id text primary key,
        site_id text not null references sites(id),
        ${day('day')},
        group_name text not null,
        version integer not null check (version >= 1),
        content jsonb not null,
        content_sha256 text not null check (content_sha256 ~ '^[0-9a-f]{64}$'),
        approved_by text not null references accounts(id),
        approver_role text not null check (approver_role in ('site-director', 'district-admin')),
        approved_at_ms bigint not null,
        reason text,
        key_id text not null,
        statement text not null,
        signature text not null,
        unique (site_id, day, group_name, version))`,
      `create function register_approvals_immutable() returns trigger language plpgsql as $$
       begin raise exception 'register approvals are immutable'; end $$`,
      `create trigger register_approvals_no_change before update or delete on register_approvals
       for each row execute function register_approvals_immutable()`,
      // Staff changes of a day's register (an absence reason), with the reason when the day had been approved.
      `create table register_corrections (
        id text primary key,
        site_id text not null references sites(id),
        ${day('day')},
        group_name text not null,
        child_id text not null references children(id),
        absence_reason text not null,
        note text not null default '',
        correction_reason text,
        after_version integer,
        actor text not null,
        at_ms bigint not null)`,
      `create index register_corrections_day on register_corrections (site_id, day)`,
    ],
  },
  {
    id: 27,
    name: "notices: guardians' subscriptions (web push, e-mail), the outbox of arrival and departure notices, VAPID keys",
    statements: [
      // What a parent account asked for: a push subscription of one browser (endpoint and its keys) or an e-mail address.
      // The unsubscribe token is random (about 256 bits) and can only stop this subscription.
      `create table notice_subscriptions (
        id text primary key,
        account_id text not null references accounts(id),
        channel text not null check (channel in ('push', 'email')),
        address text not null,
        keys jsonb,
        language text not null check (language in ('kk', 'ru', 'en')),
        unsubscribe_token text not null unique,
        created_at_ms bigint not null,
        unique (account_id, channel, address),
        check ((channel = 'push') = (keys is not null)))`,
      `create index notice_subscriptions_account on notice_subscriptions (account_id)`,
      // One notice of one event to one subscription of a guardian (so one per event, guardian and channel, per device
      // for push): enqueued in ingest's transaction, delivered by the dispatcher, retried with back-off, given up after a limit.
      `create table notice_outbox (
        event_id uuid not null references events(id),
        subscription_id text not null references notice_subscriptions(id) on delete cascade,
        account_id text not null references accounts(id),
        channel text not null check (channel in ('push', 'email')),
        queued_at_ms bigint not null,
        attempts integer not null default 0,
        next_attempt_at_ms bigint not null,
        delivered_at_ms bigint,
        gave_up_at_ms bigint,
        last_error text,
        primary key (event_id, subscription_id))`,
      `create index notice_outbox_due on notice_outbox (next_attempt_at_ms) where delivered_at_ms is null and gave_up_at_ms is null`,
      // The district's VAPID key pair (RFC 8292), made once; the private half sealed under the master key.
      `create table notice_vapid (
        id integer primary key check (id = 1),
        public_key text not null,
        private_key text not null,
        created_at_ms bigint not null)`,
    ],
  },
  {
    id: 28,
    name: "the dashboard's six weeks of attendance: check-ins and corrections by tablet and day",
    statements: [
      // Each site's present count per day over six weeks, read from the index alone: the check-ins that count
      // (server/dashboard/dashboard-presence.ts), and the few corrections that make a child-day need a closer look.
      `create index events_check_ins on events (device_id, day_key, child_id)
         where type = 'mark' and refused is null and (body->>'direction') = 'in'`,
      `create index events_corrections on events (device_id, day_key, child_id) where type = 'correction' and refused is null`,
    ],
  },
  {
    id: 29,
    name: 'tablet reader state',
    statements: [
      // The dashboard reads each tablet's latest reader-state audit entry (src/runtime/reader-health-audit.ts): rare
      // entries among many, so the latest one is found without walking the tablet's whole log.
      `create index device_audit_reader_state on device_audit (device_id, seq) where kind = 'reader-state'`,
    ],
  },
  {
    id: 30,
    name: 'check-ins that saw the child, by tablet and day',
    statements: [
      // The integrity signal "never seen" (server/services/integrity-never-seen.ts) looks back ten days for each child
      // present: the check-ins by face or by bracelet with a person in front of the camera, read from the index alone
      // rather than from every event body of those days (the district dashboard asks this of every site).
      `create index events_seen_ins on events (device_id, day_key, child_id)
         where type = 'mark' and refused is null and (body->>'direction') = 'in'
           and ((body->>'method') = 'face' or ((body->>'method') = 'bracelet' and (body->>'presence') = 'person'))`,
    ],
  },
  {
    id: 31,
    name: 'template keys per site',
    statements: [
      // A version made from now on gives each site its own key derived from the version's secret
      // (server/services/site-template-key.ts); the versions made before keep their one district-wide secret.
      `alter table template_keys add column per_site boolean not null default false`,
      `alter table template_keys alter column per_site set default true`,
    ],
  },
  {
    id: 32,
    name: "each site's own current template key version",
    statements: [
      // The version a site's templates are under when an unpairing re-keyed that site alone (a stolen tablet holds
      // its site's key only); null: the district's newest version, which a district-wide rotation sets again.
      `alter table sites add column template_key_version integer`,
    ],
  },
  {
    id: 33,
    name: 'pickup codes that were on an unpaired tablet',
    statements: [
      // A tablet holds its site's pickup code hashes (PBKDF2 of 4 to 6 digits: guessable offline from a copy of the
      // tablet). Unpairing it marks the codes then set; a new code clears the mark (server/services/pickups.ts).
      `alter table pickup_adults add column code_exposed_at_ms bigint`,
    ],
  },
  {
    id: 34,
    name: 'backdated events, and only a live face check-in sees the child',
    statements: [
      // A tablet appends its events in time order. One whose time is well before the latest time the tablet had already
      // recorded (its clock set back to fill in an earlier day) is stored as usual, with how far back it lies
      // (server/services/ingest.ts keeps each tablet's latest time); the integrity page lists such events.
      `alter table events add column backdated_ms bigint`,
      `alter table devices add column max_event_at_ms bigint`,
      `update devices set max_event_at_ms = (select max(e.at_ms) from events e where e.device_id = devices.id and e.refused is null)`,
      // The integrity signal "never seen" counts a face check-in only when its presentation-attack check said live (a
      // photo flagged once no longer covers ten days of bracelet taps; a face mark without the check is no sighting).
      `drop index events_seen_ins`,
      `create index events_seen_ins on events (device_id, day_key, child_id)
         where type = 'mark' and refused is null and (body->>'direction') = 'in'
           and (((body->>'method') = 'face' and (body->'pad'->>'result') = 'live')
             or ((body->>'method') = 'bracelet' and (body->>'presence') = 'person'))`,
    ],
  },
  {
    id: 35,
    name: 'who made each pairing code',
    statements: [
      // A tablet pairs with a code a person (or the admin token) made: the code says who, the tablet keeps it (the
      // admin page shows it), and a code of an account since disabled pairs nothing (server/device/pairing.ts).
      `alter table pairing_codes add column created_by text`,
      `alter table pairing_codes add column account_id text`,
      `alter table devices add column paired_via text`,
    ],
  },
  {
    id: 36,
    name: 'a do-not-release entry may name the guardian account of that person',
    statements: [
      // A parent under a custody order keeps the account linked to the child (the district's), but the entry that names
      // it stops that account's view of the child and its arrival and departure notices while the entry stands
      // (server/services/guardian-bar.ts).
      `alter table do_not_release add column account_id text`,
    ],
  },
  {
    id: 37,
    name: "each tablet's key the template key is wrapped to",
    statements: [
      // The public half of the tablet's ECDH wrapping key (src/protocol/key-wrap.ts): given at pairing, or once with a
      // signed request by a tablet paired before; the template key then travels wrapped to it, never in clear.
      `alter table devices add column wrap_jwk jsonb`,
    ],
  },
  {
    id: 38,
    name: 'an e-mail address gets notices only once its owner confirms it',
    statements: [
      // A mistyped address must not receive a child's arrivals: an e-mail subscription waits until the link sent to it is
      // used (its token kept as a sha256 only). Push subscriptions and the addresses already on before this migration
      // count as confirmed when made (their parents turned them on with the district's word that they were on).
      `alter table notice_subscriptions add column confirmed_at_ms bigint`,
      `alter table notice_subscriptions add column confirm_token_sha256 text unique`,
      `alter table notice_subscriptions add column confirm_sent_at_ms bigint`,
      `update notice_subscriptions set confirmed_at_ms = created_at_ms`,
      // Each confirmation e-mail sent for an account: a parent's account must not become a way to mail strangers.
      `create table notice_confirmation_mails (
        account_id text not null references accounts(id),
        sent_at_ms bigint not null)`,
      `create index notice_confirmation_mails_account on notice_confirmation_mails (account_id, sent_at_ms)`,
    ],
  },
  {
    id: 39,
    name: "the last day each site's consents that start were announced to its tablets",
    statements: [
      // A consent recorded to start later (a renewal after a gap, or a first consent given ahead) comes into force on a
      // day nobody writes anything: the hourly sweep touches it that day, so the tablets' next bundle carries it.
      `alter table sites add column consents_started_on text`,
    ],
  },
  {
    id: 40,
    name: "the tablets' signatures over the heads of their chains",
    statements: [
      // Each head a tablet signed with its device key when it pushed events or audit entries
      // (src/protocol/chain-head-signature.ts): a chain rewritten in this database, its hashes and the devices' heads
      // included, no longer ends in a head the tablet signed (server/services/signed-heads.ts).
      `create table chain_head_signatures (
        device_id text not null references devices(id),
        chain text not null check (chain in ('events', 'audit')),
        seq integer not null,
        hash text not null,
        signature text not null,
        received_at_ms bigint not null,
        primary key (device_id, chain, seq))`,
    ],
  },
  {
    id: 41,
    name: "only the tablets' signed heads that vouch for a stretch of chain",
    statements: [
      // The newest signed head vouches for the chain before it, up to a gap a restore left: the older ones are dropped
      // (a push keeps its own and drops those it vouches for, so the table grows by stretches of chain, not by pushes).
      `delete from chain_head_signatures s where exists (
        select 1 from chain_head_signatures n where n.device_id = s.device_id and n.chain = s.chain and n.seq > s.seq
          and not exists (select 1 from chain_gaps g
            where s.chain = 'events' and g.device_id = s.device_id and g.from_seq > s.seq and g.from_seq <= n.seq))`,
    ],
  },
  {
    id: 42,
    name: 'a note of every stored chain entry changed or removed, per tablet',
    statements: [
      // The district only ever adds to the tablets' chains (events, device_audit): a row changed or removed afterwards
      // is noted here, by the statement that did it. The chain check then knows which tablets' stored chains changed
      // since it last verified them without counting their rows (a year of a tablet's events is 150,000 of them).
      `create table chain_edits (
        id bigint generated always as identity primary key,
        device_id text not null,
        chain text not null check (chain in ('events', 'audit')),
        at_ms bigint not null)`,
      `create index chain_edits_device on chain_edits (device_id, chain, id)`,
      `create function gk_note_chain_edits() returns trigger language plpgsql as $$
       begin
         insert into chain_edits (device_id, chain, at_ms)
         select distinct device_id, tg_argv[0], (extract(epoch from clock_timestamp()) * 1000)::bigint from gone;
         return null;
       end $$`,
      ...[
        ['events', 'events'],
        ['device_audit', 'audit'],
      ].flatMap(([table, chain]) =>
        ['update', 'delete'].map(
          (event) =>
            `create trigger ${table}_noted_${event} after ${event} on ${table} referencing old table as gone
             for each statement execute function gk_note_chain_edits('${chain}')`,
        ),
      ),
    ],
  },
];

/** The three statement-level triggers (insert, update, delete) that stamp the children a statement on `table` touched. */
function stampTriggers(table: string, fn: string): string[] {
  return [
    ['insert', 'new'],
    ['update', 'new'],
    ['delete', 'old'],
  ].map(
    ([event, side]) =>
      `create trigger ${table}_stamp_${event} after ${event} on ${table} referencing ${side} table as changed
       for each statement execute function ${fn}()`,
  );
}

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
