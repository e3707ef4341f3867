// What this build is and whom it may talk to, fixed at build time by vite.config.ts.
export const appVersion: string = import.meta.env.GK_APP_VERSION ?? 'dev';
export const appBuild: string = import.meta.env.GK_APP_BUILD ?? 'dev';
/** The district server origin this build's CSP allows, or null when the kiosk talks to its own origin only. */
export const districtOrigin: string | null = import.meta.env.GK_DISTRICT_ORIGIN || null;
