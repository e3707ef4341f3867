// Marks every API answer (device and admin) `Cache-Control: no-store`: they carry keys, rosters and audit entries
// that no browser, proxy or shared cache may keep.
import type { MiddlewareHandler } from 'hono';

export const noStore: MiddlewareHandler = async (c, next) => {
  await next();
  c.res.headers.set('cache-control', 'no-store');
};
