// The district server serves the built kiosk cross-origin isolated (COOP/COEP) and with the kiosk's CSP as a header,
// taken from the policy the build wrote into index.html, plus frame-ancestors; client routes fall back to the app.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { builtContentSecurityPolicy, serveStatic } from '../../../server/static';

const META = `<meta http-equiv="Content-Security-Policy" content="default-src &#39;self&#39;; script-src &#39;self&#39; &#39;wasm-unsafe-eval&#39;; connect-src &#39;self&#39;">`;

describe('serveStatic', () => {
  it("sends COOP, COEP and the build's CSP with frame-ancestors on the page and its scripts", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gk-static-'));
    writeFileSync(join(dir, 'index.html'), `<!doctype html><html><head>${META}</head><body>kiosk</body></html>`);
    writeFileSync(join(dir, 'sw.js'), 'self.x = 1;');
    const app = new Hono();
    app.use('*', serveStatic(dir));
    for (const path of ['/', '/sw.js', '/some/client/route']) {
      const res = await app.request(path);
      expect(res.status).toBe(200);
      expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
      expect(res.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
      expect(res.headers.get('content-security-policy')).toBe(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; frame-ancestors 'none'",
      );
    }
    expect((await app.request('/missing.js')).status).toBe(404);
    // An encoded ../ cannot leave the build folder.
    expect((await app.request('/%2e%2e%2f%2e%2e%2fetc%2fhostname')).status).toBe(404);
  });

  it('refuses to start on a build without a CSP', () => {
    expect(() => builtContentSecurityPolicy('<html><head></head></html>')).toThrow(/npm run build/);
  });
});
