// Passkeys (WebAuthn) through SimpleWebAuthn: registering a person's first passkey with their invitation, and signing
// in with it. Each ceremony's challenge is kept in the database for CEREMONY_TTL_MS and consumed by its first answer
// (any server process may finish it; a replayed answer finds no challenge). Only public keys are stored. Every sign-in
// and every refused one is in the audit log; the invitation is used up in the same transaction that stores the passkey.
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type AuthenticatorTransportFuture,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import type { components } from '../../src/protocol/api-types.generated';
import type { Database, Queryable } from '../db/database';
import { HttpError } from '../errors';
import { newId } from '../ids';
import { recordAccountAudit } from './account-audit';
import { checkInvitation, useInvitation } from './invitations';
import type { Person } from './roles';
import { hashSecret, normaliseCode } from './secret-codes';
import { personOfSession, startSession } from './sessions';

type Schemas = components['schemas'];

export const CEREMONY_TTL_MS = 5 * 60_000;
export const RP_NAME = 'Gate Kiosk';

/** Who the passkeys are for: the district's host name and the exact origin its pages are served from. */
export interface RelyingParty {
  rpID: string;
  origin: string;
}

export interface SignedIn {
  person: Person;
  token: string;
}

const REFUSED = (why: string, details?: Record<string, unknown>) =>
  new HttpError(403, 'passkey-refused', `The passkey was not accepted (${why}). Try again.`, details);
/** The refusal of a passkey the district does not know (its reason is what the security log counts). */
const UNKNOWN_PASSKEY = () => REFUSED('unknown-passkey', { reason: 'unknown-passkey' });

async function saveChallenge(db: Queryable, challenge: string, purpose: 'register' | 'sign-in', codeHash: string | null, nowMs: number) {
  const ceremonyId = newId('cer');
  await db.query('delete from webauthn_challenges where expires_at_ms <= $1', [nowMs]);
  await db.query('insert into webauthn_challenges (id, challenge, purpose, code_hash, expires_at_ms) values ($1, $2, $3, $4, $5)', [
    ceremonyId,
    challenge,
    purpose,
    codeHash,
    nowMs + CEREMONY_TTL_MS,
  ]);
  return ceremonyId;
}

async function takeChallenge(db: Queryable, ceremonyId: string, purpose: 'register' | 'sign-in', nowMs: number) {
  const rows = await db.query<{ challenge: string; code_hash: string | null; expires_at_ms: number }>(
    'delete from webauthn_challenges where id = $1 and purpose = $2 returning challenge, code_hash, expires_at_ms',
    [ceremonyId, purpose],
  );
  if (!rows[0] || rows[0].expires_at_ms <= nowMs) throw REFUSED('the ceremony expired or was used; start again');
  return rows[0];
}

export async function invitationOptions(db: Queryable, code: string, rp: RelyingParty, nowMs: number): Promise<Schemas['PasskeyCeremony']> {
  const invitation = await checkInvitation(db, code, nowMs);
  const existing = await db.query<{ credential_id: string }>('select credential_id from passkeys where account_id = $1', [
    invitation.account_id,
  ]);
  const options = await generateRegistrationOptions({
    rpName: RP_NAME,
    rpID: rp.rpID,
    userName: invitation.account_id,
    userID: new TextEncoder().encode(invitation.account_id),
    userDisplayName: invitation.display_name,
    attestationType: 'none',
    authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
    excludeCredentials: existing.map((p) => ({ id: p.credential_id })),
    timeout: CEREMONY_TTL_MS,
  });
  const ceremonyId = await saveChallenge(db, options.challenge, 'register', invitation.code_hash, nowMs);
  return { ceremonyId, options: options as unknown as Record<string, unknown>, displayName: invitation.display_name };
}

export async function redeemInvitation(
  db: Database,
  body: Schemas['InvitationRedeem'],
  rp: RelyingParty,
  nowMs: number,
): Promise<SignedIn> {
  const codeHash = hashSecret(normaliseCode(body.code));
  const ceremony = await takeChallenge(db, body.ceremonyId, 'register', nowMs);
  if (ceremony.code_hash !== codeHash) throw REFUSED('the ceremony belongs to another invitation');
  let verified;
  try {
    verified = await verifyRegistrationResponse({
      response: body.credential as unknown as RegistrationResponseJSON,
      expectedChallenge: ceremony.challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.rpID,
      requireUserVerification: true,
    });
  } catch (error) {
    throw REFUSED(error instanceof Error ? error.message : 'unreadable answer');
  }
  if (!verified.verified) throw REFUSED('not verified');
  const { credential } = verified.registrationInfo;
  const token = await db.transaction(async (tx) => {
    const accountId = await useInvitation(tx, codeHash, nowMs);
    const taken = await tx.query('select 1 from passkeys where credential_id = $1', [credential.id]);
    if (taken[0]) throw REFUSED('this passkey is registered already');
    // The new passkey replaces the person's earlier ones: a new invitation is how a person gets back in after losing a
    // phone, and what that phone holds (its passkey, signed-in sessions and push notices) must stop working with it.
    const replaced = await tx.query('delete from passkeys where account_id = $1 returning credential_id', [accountId]);
    if (replaced.length > 0) {
      await tx.query('delete from sessions where account_id = $1', [accountId]);
      await tx.query("delete from notice_subscriptions where account_id = $1 and channel = 'push'", [accountId]);
    }
    await tx.query(
      'insert into passkeys (credential_id, account_id, public_key, counter, transports, created_at_ms) values ($1, $2, $3, $4, $5, $6)',
      [
        credential.id,
        accountId,
        Buffer.from(credential.publicKey).toString('base64url'),
        credential.counter,
        JSON.stringify(credential.transports ?? []),
        nowMs,
      ],
    );
    const actor = await actorOfAccount(tx, accountId);
    await recordAccountAudit(tx, nowMs, actor, 'account.passkey-registered', {
      accountId,
      ...(replaced.length > 0 ? { replacedPasskeys: replaced.length } : {}),
      ...(await siteOf(tx, accountId)),
    });
    await recordAccountAudit(tx, nowMs, actor, 'account.signed-in', { accountId, ...(await siteOf(tx, accountId)) });
    return (await startSession(tx, accountId, nowMs)).token;
  });
  return { token, person: await personOfSession(db, token, nowMs) };
}

export async function signInOptions(db: Queryable, rp: RelyingParty, nowMs: number): Promise<Schemas['PasskeyCeremony']> {
  const options = await generateAuthenticationOptions({ rpID: rp.rpID, userVerification: 'required', timeout: CEREMONY_TTL_MS });
  const ceremonyId = await saveChallenge(db, options.challenge, 'sign-in', null, nowMs);
  return { ceremonyId, options: options as unknown as Record<string, unknown> };
}

export async function signIn(db: Database, body: Schemas['SignInFinish'], rp: RelyingParty, nowMs: number): Promise<SignedIn> {
  const ceremony = await takeChallenge(db, body.ceremonyId, 'sign-in', nowMs);
  const response = body.credential as unknown as AuthenticationResponseJSON;
  const rows = await db.query<{
    account_id: string;
    public_key: string;
    counter: number;
    transports: AuthenticatorTransportFuture[];
    disabled: boolean;
  }>(
    `select p.account_id, p.public_key, p.counter, p.transports, a.disabled_at_ms is not null as disabled
     from passkeys p join accounts a on a.id = p.account_id where p.credential_id = $1`,
    [response.id],
  );
  const passkey = rows[0];
  const refusedSignIn = async (reason: string, accountId?: string) => {
    await recordAccountAudit(
      db,
      nowMs,
      accountId !== undefined ? await actorOfAccount(db, accountId) : 'server',
      'account.sign-in-refused',
      {
        reason,
        ...(accountId !== undefined ? { accountId, ...(await siteOf(db, accountId)) } : {}),
      },
    );
    return REFUSED(reason);
  };
  // A passkey the district does not know: anyone can make one, so it is counted in the security log per address
  // (server/http/guards.ts), not written as one audit entry each.
  if (!passkey) throw UNKNOWN_PASSKEY();
  if (passkey.disabled) throw await refusedSignIn('account-disabled', passkey.account_id);
  const userHandle = response.response.userHandle;
  if (userHandle !== undefined && Buffer.from(userHandle, 'base64url').toString('utf8') !== passkey.account_id)
    throw await refusedSignIn('wrong-user', passkey.account_id);
  let verified;
  try {
    verified = await verifyAuthenticationResponse({
      response,
      expectedChallenge: ceremony.challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.rpID,
      credential: {
        id: response.id,
        publicKey: new Uint8Array(Buffer.from(passkey.public_key, 'base64url')),
        counter: passkey.counter,
        transports: passkey.transports,
      },
      requireUserVerification: true,
    });
  } catch {
    throw await refusedSignIn('signature-invalid', passkey.account_id);
  }
  if (!verified.verified) throw await refusedSignIn('signature-invalid', passkey.account_id);
  const token = await db.transaction(async (tx) => {
    await tx.query('update passkeys set counter = $2, last_used_at_ms = $3 where credential_id = $1', [
      response.id,
      verified.authenticationInfo.newCounter,
      nowMs,
    ]);
    await recordAccountAudit(tx, nowMs, await actorOfAccount(tx, passkey.account_id), 'account.signed-in', {
      accountId: passkey.account_id,
      ...(await siteOf(tx, passkey.account_id)),
    });
    return (await startSession(tx, passkey.account_id, nowMs)).token;
  });
  return { token, person: await personOfSession(db, token, nowMs) };
}

async function actorOfAccount(db: Queryable, accountId: string): Promise<string> {
  const rows = await db.query<{ role: string }>('select role from accounts where id = $1', [accountId]);
  return `${rows[0]?.role ?? 'server'}:${accountId}`;
}

async function siteOf(db: Queryable, accountId: string): Promise<{ siteId?: string }> {
  const rows = await db.query<{ site_id: string | null }>('select site_id from accounts where id = $1', [accountId]);
  return rows[0]?.site_id ? { siteId: rows[0].site_id } : {};
}
