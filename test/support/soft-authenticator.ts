// A software WebAuthn authenticator for Node tests (no browser): makes a P-256 passkey and answers registration
// ("none" attestation) and sign-in ceremonies the way a platform authenticator does, in the JSON forms the browser's
// toJSON() gives (what @simplewebauthn/browser sends). It lets server tests drive the real passkey code paths; the
// browser test uses Chromium's own virtual authenticator instead.
import { createHash, createSign, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';

const b64u = (b: Uint8Array): string => Buffer.from(b).toString('base64url');
const sha256 = (b: Uint8Array | string): Buffer => createHash('sha256').update(b).digest();

/** Minimal CBOR: unsigned and negative integers, byte and text strings, maps (enough for attestation and COSE keys). */
function cbor(value: unknown): Buffer {
  const head = (major: number, n: number): Buffer => {
    if (n < 24) return Buffer.from([(major << 5) | n]);
    if (n < 256) return Buffer.from([(major << 5) | 24, n]);
    const b = Buffer.alloc(3);
    b[0] = (major << 5) | 25;
    b.writeUInt16BE(n, 1);
    return b;
  };
  if (typeof value === 'number') return value >= 0 ? head(0, value) : head(1, -1 - value);
  if (typeof value === 'string') return Buffer.concat([head(3, Buffer.byteLength(value)), Buffer.from(value)]);
  if (value instanceof Uint8Array) return Buffer.concat([head(2, value.length), Buffer.from(value)]);
  if (value instanceof Map) {
    const parts = [head(5, value.size)];
    for (const [k, v] of value) parts.push(cbor(k), cbor(v));
    return Buffer.concat(parts);
  }
  throw new Error('cbor: unsupported value');
}

export interface SoftPasskey {
  credentialId: Uint8Array;
  privateKey: KeyObject;
  userHandle: string;
  counter: number;
}

interface CreationOptions {
  challenge: string;
  rp: { id: string };
  user: { id: string };
}
interface RequestOptions {
  challenge: string;
  rpId: string;
}

function clientData(type: string, challenge: string, origin: string): Buffer {
  return Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }));
}

function authData(rpId: string, flags: number, counter: number, attested?: Buffer): Buffer {
  const c = Buffer.alloc(4);
  c.writeUInt32BE(counter);
  return Buffer.concat([sha256(rpId), Buffer.from([flags]), c, ...(attested ? [attested] : [])]);
}

/** Answers navigator.credentials.create() for `options` at `origin`: a new passkey and the RegistrationResponseJSON. */
export function register(options: CreationOptions, origin: string): { passkey: SoftPasskey; response: Record<string, unknown> } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = publicKey.export({ format: 'jwk' });
  const credentialId = randomBytes(16);
  const cose = cbor(
    new Map<number, unknown>([
      [1, 2],
      [3, -7],
      [-1, 1],
      [-2, Buffer.from(jwk.x!, 'base64url')],
      [-3, Buffer.from(jwk.y!, 'base64url')],
    ]),
  );
  const idLength = Buffer.alloc(2);
  idLength.writeUInt16BE(credentialId.length);
  // Flags: user present (0x01), user verified (0x04), attested credential data (0x40).
  const data = authData(options.rp.id, 0x45, 0, Buffer.concat([Buffer.alloc(16), idLength, credentialId, cose]));
  const attestationObject = cbor(
    new Map<string, unknown>([
      ['fmt', 'none'],
      ['attStmt', new Map()],
      ['authData', data],
    ]),
  );
  const id = b64u(credentialId);
  return {
    passkey: { credentialId, privateKey, userHandle: options.user.id, counter: 0 },
    response: {
      id,
      rawId: id,
      type: 'public-key',
      clientExtensionResults: {},
      response: {
        clientDataJSON: b64u(clientData('webauthn.create', options.challenge, origin)),
        attestationObject: b64u(attestationObject),
        transports: ['internal'],
      },
    },
  };
}

/**
 * Answers navigator.credentials.get() for `options` at `origin` with `passkey`: the AuthenticationResponseJSON.
 * `userVerified: false` answers as a security key without a PIN or fingerprint would (user present only).
 */
export function authenticate(
  passkey: SoftPasskey,
  options: RequestOptions,
  origin: string,
  { userVerified = true }: { userVerified?: boolean } = {},
): Record<string, unknown> {
  passkey.counter += 1;
  const data = authData(options.rpId, userVerified ? 0x05 : 0x01, passkey.counter);
  const cd = clientData('webauthn.get', options.challenge, origin);
  const signer = createSign('SHA256');
  signer.update(Buffer.concat([data, sha256(cd)]));
  const signature = signer.sign(passkey.privateKey); // DER, as authenticators sign
  const id = b64u(passkey.credentialId);
  return {
    id,
    rawId: id,
    type: 'public-key',
    clientExtensionResults: {},
    response: {
      clientDataJSON: b64u(cd),
      authenticatorData: b64u(data),
      signature: b64u(signature),
      userHandle: passkey.userHandle,
    },
  };
}
