// Keeps the recognition worker from contacting any origin but its own. MediaPipe Tasks (1.1.0) posts usage
// statistics to a Google logging endpoint once a minute and when a task closes; the kiosk never contacts a
// third-party origin, so such a request is refused here, before it leaves, whatever the page's CSP says.

export type Fetch = typeof fetch;

/** A fetch that answers a request to another origin with a rejection (a network error), and passes the rest on. */
export function sameOriginFetch(inner: Fetch, origin: string): Fetch {
  return (input: RequestInfo | URL, init?: RequestInit) => {
    const href = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    let target: string;
    try {
      target = new URL(href, origin).origin;
    } catch {
      return Promise.reject(new TypeError(`refused: ${href} is not a URL`));
    }
    if (target !== origin) return Promise.reject(new TypeError(`refused: the recognition worker contacts only ${origin}`));
    return inner(input, init);
  };
}

/** Installs sameOriginFetch on this global scope (the recognition worker, before any model runtime loads). */
export function guardEgress(scope: { fetch: Fetch; location: { origin: string } }): void {
  scope.fetch = sameOriginFetch(scope.fetch.bind(scope), scope.location.origin);
}
