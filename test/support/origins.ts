// Which requested URLs leave the allowed origins. data: and blob: URLs are made inside the page and go nowhere.
const LOCAL_SCHEMES = new Set(['data:', 'blob:', 'about:']);

/** The URLs (in order, each once) whose origin is none of `allowed`; a URL that cannot be parsed counts as foreign. */
export function foreignRequests(urls: readonly string[], allowed: readonly string[]): string[] {
  const ok = new Set(allowed.map((a) => new URL(a).origin));
  const out: string[] = [];
  for (const url of urls) {
    let foreign: boolean;
    try {
      const u = new URL(url);
      foreign = !LOCAL_SCHEMES.has(u.protocol) && !ok.has(u.origin);
    } catch {
      foreign = true;
    }
    if (foreign && !out.includes(url)) out.push(url);
  }
  return out;
}
