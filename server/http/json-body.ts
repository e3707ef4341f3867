// Parses a request body as JSON only after a linear scan has shown that its nesting is shallow: JSON.parse of a body
// nested a million levels deep costs the server most of a second (and the contract's deepest request is a few levels),
// so such a body is refused with a code before it is parsed.
import { HttpError } from '../errors';

/** Far above the contract's deepest request body (an audit entry's details: 5 levels). */
export const MAX_JSON_DEPTH = 32;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

/** The deepest nesting of arrays and objects in `bytes` (UTF-8 JSON), stopping early once it passes `limit`. */
export function jsonDepth(bytes: Uint8Array, limit = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (inString) {
      if (b === BACKSLASH) i++;
      else if (b === QUOTE) inString = false;
    } else if (b === QUOTE) {
      inString = true;
    } else if (b === OPEN_BRACKET || b === OPEN_BRACE) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
    } else if (b === CLOSE_BRACKET || b === CLOSE_BRACE) {
      depth--;
    }
  }
  return deepest;
}

/** The body as JSON; refuses (400) one nested deeper than `maxDepth`, one that is not UTF-8, and one that is not JSON. */
export function parseJsonBody(raw: Uint8Array, maxDepth = MAX_JSON_DEPTH): unknown {
  if (jsonDepth(raw, maxDepth) > maxDepth) {
    throw new HttpError(400, 'json-too-deep', `The request body is nested deeper than ${maxDepth} levels; no request of this API is.`);
  }
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(raw));
  } catch {
    throw new HttpError(400, 'bad-json', 'The request body is not JSON.');
  }
}
