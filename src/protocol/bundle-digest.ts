// The roster digest every full and delta bundle carries (`rosterDigest`): SHA-256 over each child's roster entry and
// face consents, then over the sorted list of children. The district computes it from its rows; a tablet computes it
// from what it holds after applying the answer, so a tablet whose held roster drifted from the district's (a missed
// change, a bug) sees the mismatch and fetches the full bundle. Templates are not covered: which ones a tablet may
// hold follows from the consents, which are. The same SHA-256 on the kiosk and the server (synchronous: thousands of
// small digests cost a few milliseconds this way, ten times that as one Web Crypto call each).
import type { BundleChild, BundleConsent } from '../core/bundle-shape';
import { sha256HexSync } from '../core/sha256-sync';

const sha256 = (text: string) => Promise.resolve(sha256HexSync(text));

/** One child's digest (hex) over a canonical form: bracelets sorted, consents sorted by id, every field in a fixed order. */
export function childDigest(child: BundleChild, consents: readonly BundleConsent[]): Promise<string> {
  const own = consents
    .filter((k) => k.childId === child.childId)
    .sort((a, b) => (a.consentId < b.consentId ? -1 : a.consentId > b.consentId ? 1 : 0))
    .map((k) => [k.consentId, k.guardianName, k.scope, k.grantedOn, k.expiresOn, k.revokedOn]);
  return sha256(JSON.stringify([child.childId, child.displayName, child.group, [...child.bracelets].sort(), child.twin === true, own]));
}

/** The site's digest from each child's: children in code-unit order of their ids, one `id:digest` line each. */
export function rosterDigest(digests: ReadonlyMap<string, string>): Promise<string> {
  const ids = [...digests.keys()].sort();
  return sha256(ids.map((id) => `${id}:${digests.get(id)!}\n`).join(''));
}

/** Each child's digest for a list of children and the consents that come with them. */
export async function childDigests(children: readonly BundleChild[], consents: readonly BundleConsent[]): Promise<Map<string, string>> {
  const byChild = new Map<string, BundleConsent[]>();
  for (const k of consents) byChild.set(k.childId, [...(byChild.get(k.childId) ?? []), k]);
  const digests = await Promise.all(children.map((c) => childDigest(c, byChild.get(c.childId) ?? [])));
  return new Map(children.map((c, i) => [c.childId, digests[i]!]));
}
