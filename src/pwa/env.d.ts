// Build-time constants defined in vite.config.ts.
interface ImportMetaEnv {
  readonly GK_APP_VERSION?: string;
  readonly GK_APP_BUILD?: string;
  readonly GK_DISTRICT_ORIGIN?: string;
}
