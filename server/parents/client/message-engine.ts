// The message engine the kiosk, the admin page and this page share, served as /parents/client/message-engine.js from
// src/core/i18n.ts itself (server/http/client-modules.ts): a module that only re-exports a pure module of src/core.
export * from '../../../src/core/i18n.js';
