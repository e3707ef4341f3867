// The message engine the kiosk and this page share. The server serves /admin/client/message-engine.js from src/core/i18n.ts
// itself (server/admin/routes.ts): a client module that only re-exports a pure module of src/core stands for it.
export * from '../../../src/core/i18n.js';
