// Every answer of the device API (refusals included) and the pairing answer leave signed for the request they answer
// (src/protocol/answer-signature.ts): the district's bundle key over the request's nonce, method, path, query and body
// digest with the answer's status and body digest. A tablet acts only on answers that verify, so a proxy that forges
// an acknowledgement or replays an earlier answer changes nothing. Bodies go gzip-encoded when the tablet accepts it.
import type { Context } from 'hono';
import { ANSWER_SIGNATURE_HEADER, signAnswer } from '../../src/protocol/answer-signature';
import { contentDigest, parseSignatureInput } from '../../src/protocol/http-signature';
import type { Database } from '../db/database';
import { bundleSigningKey, loadDistrict } from '../services/district';
import type { PreparedBody } from '../services/bundle';

/** Answers smaller than this go as they are: gzip would save little. */
const GZIP_FROM_BYTES = 1024;

export interface AnsweredRequest {
  method: string;
  path: string;
  query: string;
  /** The request body as received. */
  raw: Uint8Array;
  signatureInput: string | undefined;
  acceptEncoding: string | undefined;
}

const signingKeys = new WeakMap<Database, Promise<CryptoKey>>();

/** The district's bundle key (the one tablets pin), looked up once per database. */
function answerKey(db: Database): Promise<CryptoKey> {
  let key = signingKeys.get(db);
  if (key === undefined) {
    key = loadDistrict(db).then((d) => bundleSigningKey(db, d.bundleKeyId));
    key.catch(() => signingKeys.delete(db));
    signingKeys.set(db, key);
  }
  return key;
}

/** Signs `body` as the answer to `request` and sends it (gzip when accepted and worth it). */
export async function sendSignedAnswer(
  ctx: Context,
  db: Database,
  request: AnsweredRequest,
  status: number,
  body: PreparedBody,
  extraHeaders: Record<string, string> = {},
): Promise<Response> {
  const params = request.signatureInput === undefined ? null : parseSignatureInput(request.signatureInput);
  const signature = await signAnswer(await answerKey(db), {
    nonce: params?.nonce ?? null,
    keyid: params?.keyid ?? null,
    method: request.method,
    path: request.path,
    query: request.query,
    requestDigest: await contentDigest(request.raw),
    status,
    answerDigest: body.digest,
  });
  const headers: Record<string, string> = {
    ...extraHeaders,
    'content-type': 'application/json',
    [ANSWER_SIGNATURE_HEADER]: signature,
    vary: 'accept-encoding',
  };
  let bytes = body.bytes;
  if (bytes.length >= GZIP_FROM_BYTES && /\bgzip\b/.test(request.acceptEncoding ?? '')) {
    bytes = await body.gzip();
    headers['content-encoding'] = 'gzip';
  }
  return ctx.body(bytes as Uint8Array<ArrayBuffer>, status as 200, headers);
}
