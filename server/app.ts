// The district server's HTTP app (Hono). Routes come from the contract by operationId: every request body and query
// is validated before its handler runs and every JSON response after, so the server cannot drift from api/openapi.yaml.
import { Hono, type Context } from 'hono';
import { cors } from 'hono/cors';
import type { components } from '../src/protocol/api-types.generated';
import { ANSWER_SIGNATURE_HEADER } from '../src/protocol/answer-signature';
import { contract, type Operation, type QueryErrorCode } from './contract/contract';
import type { Database } from './db/database';
import { authenticateDevice, type DeviceIdentity } from './device/auth';
import { createPairingCode, pairDevice } from './device/pairing';
import { HttpError, refusalAuditOf } from './errors';
import { recordAccountAudit } from './account/account-audit';
import { fixedAdminToken, rotateAdminToken, type AdminTokens } from './admin/admin-token';
import { installGuards } from './http/guards';
import { parseJsonBody } from './http/json-body';
import { MAX_BODY_BYTES } from './http/body-limit';
import { RateLimitedError, type RateLimitConfig } from './http/rate-limit';
import type { Transport } from './http/transport';
import { SecurityLog } from './services/security-events';
import { listDeviceAudit, storeAudit } from './services/audit';
import { listAudit, verifyAuditChains } from './services/audit-log';
import { rotateEpoch } from './services/district';
import { listDevices, unpairDevice } from './services/devices';
import { clearTwinFlags } from './services/twins';
import { confirmRenewal, fetchTemplateKey, rotateTemplateKey, templateKeyStatus } from './services/template-keys';
import { listPurgeReceipts, storePurgeReceipts, storeTemplate } from './services/gallery';
import { bundleAnswer, prepareJson, type PreparedBody } from './services/bundle';
import { sendSignedAnswer } from './device/answer-signing';
import { registerWrapKey } from './device/template-key-answer';
import { deviceState, ingestEvents } from './services/ingest';
import { siteEvents } from './services/site-events';
import { dailyReport, reportCsv } from './services/report';
import { siteIntegrity } from './services/integrity';
import { createChild, grantConsent, listChildren, removeChild, revokeConsent } from './services/roster';
import { addDoNotRelease, addPickupAdult, listPickups, removeDoNotRelease, removePickupAdult, updatePickupAdult } from './services/pickups';
import { createSite, getSite, listSites, updateSettings } from './services/sites';
import { DEFAULT_RECOGNITION_TARGET, listRecognitionReports, storeRecognitionReport, targetOption } from './services/recognition-reports';
import { createAccount, disableAccount, listAccounts } from './account/accounts';
import { authorizeAdmin, refuseDistrictSettings, siteScope } from './account/admin-access';
import { createInvitation } from './account/invitations';
import { invitationOptions, redeemInvitation, signIn, signInOptions, type RelyingParty, type SignedIn } from './account/passkeys';
import { actorOf, TOKEN, type Person, type Principal } from './account/roles';
import { clearedCookie, endSession, personOfSession, sessionCookie, tokenFromCookie } from './account/sessions';
import { DEFAULT_HISTORY_DAYS, parentChildDetail, parentChildren, parentConsent, parentReportAbsence } from './services/parents';
import { registerHandlers } from './register/register-handlers';
import { listSubscriptions, stopNotices, subscribeEmail, subscribePush, type ConfirmationMailer } from './notices/subscriptions';
import { cachedVapid } from './notices/vapid';
import { mountEmailLinks } from './notices/email-link-routes';
import type { VapidKeys } from './notices/push-channel';
import { dashboard } from './dashboard/dashboard';

type Schemas = components['schemas'];

export interface AppOptions {
  db: Database;
  /** The admin token itself (tests, the CLI's in-process app) or the server's rotatable token store. */
  adminToken: string | AdminTokens;
  /** Server clock (ms); tests move it. */
  now?: () => number;
  /** Reports contract violations and unexpected errors (default: console.error). */
  log?: (message: string) => void;
  /** Where refused logins and floods are summarised (default: one writing to this database every minute). */
  securityLog?: SecurityLog;
  /** Rate limits other than the defaults of server/http/rate-limit.ts (tests make them small). */
  limits?: Partial<RateLimitConfig>;
  /** How clients reach the server: plain HTTP on loopback (default), built-in TLS, or behind a TLS proxy. */
  transport?: Transport;
  /**
   * The origin people's pages are served from (DISTRICT_PUBLIC_ORIGIN, e.g. https://district.example): passkeys are
   * bound to its host name. Default: the origin each request was made to (https unless plain loopback HTTP).
   */
  publicOrigin?: string;
  /** Behind a TLS proxy (transport `behind-proxy`): the addresses or networks it connects from; default the loopback. */
  trustedProxies?: readonly string[];
  /** Arrival and departure notices (server/notices/). */
  notices?: NoticeOptions;
}

export interface NoticeOptions {
  /** Called when ingest enqueued notices (the dispatcher wakes). */
  onQueued?: () => void;
  /**
   * Sends the e-mail that asks an address's owner to confirm notices (the district's SMTP channel, GK_SMTP_URL and
   * GK_SMTP_FROM): without it the district sends no e-mail and addresses are refused.
   */
  mailer?: ConfirmationMailer;
  /**
   * Accept push endpoints on this machine (localhost, 127.0.0.0/8, [::1], over plain http too): tests and the
   * benchmark, whose push receiver listens on 127.0.0.1; never in production, where only public hosts are accepted.
   */
  allowLoopbackPush?: boolean;
  /** The VAPID key pair (default: GK_VAPID_* or the database's, server/notices/vapid.ts). */
  vapid?: () => Promise<VapidKeys>;
}

export interface HandlerInput {
  params: Record<string, string>;
  query: Record<string, string>;
  body: unknown;
  device: DeviceIdentity | null;
  /** Who called an admin or session operation: the admin token or a person signed in with a passkey. */
  principal: Principal | null;
  /** The session token of the request's cookie (sign-out ends it). */
  sessionToken: string | null;
  /** What passkeys are bound to, and whether cookies must be Secure (anything but plain loopback HTTP). */
  rp: RelyingParty;
  secureCookies: boolean;
  nowMs: number;
}

export type HandlerOutput =
  | { status: number; json: unknown; headers?: Record<string, string> }
  | { status: number; text: string; contentType: string }
  /** A file (CSV, XLSX) with its headers (content-disposition). */
  | { status: number; bytes: Uint8Array; contentType: string; headers: Record<string, string> }
  /** Built from rows and ready to send: not checked against the contract on this path (the contract tests check it). */
  | { status: number; prepared: PreparedBody };

export type Handler = (input: HandlerInput) => Promise<HandlerOutput>;

const ok = (json: unknown): HandlerOutput => ({ status: 200, json });
const device = (input: HandlerInput): DeviceIdentity => input.device!;
/** What the audit log records as the actor: 'admin' for the token (and in-process calls), else the person's role and account. */
const ADMIN = (input: HandlerInput): string => (input.principal === null ? 'admin' : actorOf(input.principal));
const person = (input: HandlerInput): Person => input.principal as Person;
/** A signed-in answer: the person, and the session cookie (HttpOnly, SameSite=Strict, Secure over HTTPS). */
const signedIn = (i: HandlerInput, s: SignedIn): HandlerOutput => ({
  status: 200,
  json: me(s.person),
  headers: { 'set-cookie': sessionCookie(s.token, i.secureCookies) },
});
const me = (p: Person) => ({
  accountId: p.accountId,
  displayName: p.displayName,
  role: p.role,
  siteId: p.siteId,
  sessionExpiresAtMs: p.sessionExpiresAtMs,
});
/** Where an invitation's code is redeemed: the parents' page for a parent, the admin page for staff and admins. */
const invitationLink = (i: HandlerInput, role: string, code: string): string =>
  `${i.rp.origin}/${role === 'parent' ? 'parents/' : 'admin'}#invite=${code}`;

function handlers(db: Database, adminTokens: AdminTokens, notices: NoticeOptions, log: (m: string) => void): Record<string, Handler> {
  const vapid = notices.vapid ?? cachedVapid(db);
  return {
    pairDevice: async (i) => ok(await pairDevice(db, i.body as Schemas['PairRequest'], i.nowMs)),
    getDeviceState: async (i) => ok(await deviceState(db, device(i), i.nowMs)),
    pushEvents: async (i) =>
      ok(
        await ingestEvents(db, device(i), (i.body as Schemas['PushRequest']).events, i.nowMs, {
          log,
          ...((i.body as Schemas['PushRequest']).headSignature !== undefined
            ? { headSignature: (i.body as Schemas['PushRequest']).headSignature! }
            : {}),
          ...(notices.onQueued ? { onNoticesQueued: notices.onQueued } : {}),
        }),
      ),
    uploadTemplate: async (i) => ok(await storeTemplate(db, device(i), i.body as Schemas['TemplateUpload'], i.nowMs)),
    pushPurgeReceipts: async (i) => ok(await storePurgeReceipts(db, device(i), (i.body as Schemas['PurgeReceiptPush']).receipts, i.nowMs)),
    pushAudit: async (i) => {
      const body = i.body as Schemas['AuditPush'];
      return ok(await storeAudit(db, device(i), body.entries, i.nowMs, body.headSignature));
    },
    listDeviceAudit: async (i) => ok(await listDeviceAudit(db, i.params.deviceId!)),
    listAudit: async (i) =>
      ok(
        await listAudit(db, {
          ...(i.query.siteId ? { siteId: i.query.siteId } : {}),
          ...(i.query.kind ? { kind: i.query.kind } : {}),
          ...(i.query.olderThan ? { olderThan: i.query.olderThan } : {}),
          ...(i.query.limit ? { limit: Number(i.query.limit) } : {}),
        }),
      ),
    verifyAuditChains: async (i) => ok(await verifyAuditChains(db, i.query.siteId || undefined, { full: i.query.full === 'true' })),
    getTemplateKey: async (i) => ok(await fetchTemplateKey(db, device(i), i.nowMs)),
    registerWrapKey: async (i) => ok(await registerWrapKey(db, device(i).deviceId, (i.body as Schemas['WrapKeyRegistration']).wrapKeyJwk)),
    confirmTemplateKeyRenewal: async (i) => ok(await confirmRenewal(db, device(i), i.body as Schemas['TemplateKeyRenewal'], i.nowMs)),
    pushRecognitionReport: async (i) =>
      ok(await storeRecognitionReport(db, device(i), i.body as Schemas['RecognitionReportUpload'], i.nowMs)),
    getBundle: async (i) => ({ status: 200, prepared: await bundleAnswer(db, device(i), sinceOf(i.query.since), i.nowMs) }),
    getSiteEvents: async (i) => ok(await siteEvents(db, device(i), { day: i.query.day, after: i.query.after }, i.nowMs)),

    listSites: async (i) => {
      const own = i.principal === null ? null : siteScope(i.principal);
      return ok((await listSites(db)).filter((s) => own === null || s.siteId === own));
    },
    createSite: async (i) => ok(await createSite(db, i.body as Schemas['SiteCreate'], i.nowMs)),
    updateSiteSettings: async (i) =>
      ok(
        await updateSettings(db, i.params.siteId!, i.body as Schemas['SiteSettingsPatch'], ADMIN(i), i.nowMs, (changed) =>
          refuseDistrictSettings(i.principal, changed),
        ),
      ),
    createPairingCode: async (i) =>
      ok(
        await createPairingCode(db, i.params.siteId!, i.nowMs, {
          actor: ADMIN(i),
          accountId: i.principal !== null && i.principal.kind === 'person' ? i.principal.accountId : null,
        }),
      ),
    listDevices: async (i) => ok(await listDevices(db, i.params.siteId!)),
    revokeDevice: async (i) => ok(await unpairDevice(db, i.params.deviceId!, ADMIN(i), i.nowMs)),
    listPurgeReceipts: async (i) => ok(await listPurgeReceipts(db, i.params.deviceId!)),
    listChildren: async (i) => ok(await listChildren(db, i.params.siteId!, i.nowMs)),
    createChild: async (i) => ok(await createChild(db, i.params.siteId!, i.body as Schemas['ChildCreate'], i.nowMs)),
    removeChild: async (i) => ok(await removeChild(db, i.params.childId!, ADMIN(i), i.nowMs)),
    clearTwinFlags: async (i) => {
      const { siteId } = await clearTwinFlags(db, i.params.childId!, ADMIN(i), i.nowMs);
      return ok((await listChildren(db, siteId, i.nowMs, i.params.childId!))[0]);
    },
    grantConsent: async (i) => ok(await grantConsent(db, i.params.childId!, i.body as Schemas['ConsentGrant'], ADMIN(i), i.nowMs)),
    revokeConsent: async (i) => ok(await revokeConsent(db, i.params.consentId!, ADMIN(i), i.nowMs)),
    listPickups: async (i) => ok(await listPickups(db, i.params.childId!)),
    addPickupAdult: async (i) => ok(await addPickupAdult(db, i.params.childId!, i.body as Schemas['PickupAdultCreate'], ADMIN(i), i.nowMs)),
    updatePickupAdult: async (i) =>
      ok(await updatePickupAdult(db, i.params.pickupId!, i.body as Schemas['PickupAdultPatch'], ADMIN(i), i.nowMs)),
    removePickupAdult: async (i) => ok(await removePickupAdult(db, i.params.pickupId!, ADMIN(i), i.nowMs)),
    addDoNotRelease: async (i) =>
      ok(await addDoNotRelease(db, i.params.childId!, i.body as Schemas['DoNotReleaseCreate'], ADMIN(i), i.nowMs)),
    removeDoNotRelease: async (i) => ok(await removeDoNotRelease(db, i.params.entryId!, ADMIN(i), i.nowMs)),
    dailyReport: async (i) => {
      const report = await dailyReport(db, i.params.siteId!, i.query.day ?? '');
      if (i.query.format !== 'csv') return ok(report);
      const site = await getSite(db, i.params.siteId!);
      return { status: 200, text: reportCsv(report, site.timeZone), contentType: 'text/csv; charset=utf-8' };
    },
    getDashboard: async (i) =>
      ok(
        await dashboard(
          db,
          {
            siteId: i.query.siteId || undefined,
            day: i.query.day || undefined,
            // A teacher reads their site's attendance, not its integrity signals (server/account/admin-access.ts).
            withIntegrity: i.principal === null || i.principal.kind === 'token' || i.principal.role !== 'teacher',
          },
          i.nowMs,
        ),
      ),
    siteIntegrity: async (i) =>
      ok(
        await siteIntegrity(db, i.params.siteId!, i.query.day ?? '', {
          burstCount: i.query.burstCount,
          burstSeconds: i.query.burstSeconds,
          faceDays: i.query.faceDays,
        }),
      ),
    listRecognitionReports: async (i) =>
      ok(
        await listRecognitionReports(db, {
          ...(i.query.siteId ? { siteId: i.query.siteId } : {}),
          target: {
            maxFpirUpper95: targetOption(i.query.maxFpirUpper95, DEFAULT_RECOGNITION_TARGET.maxFpirUpper95, 'maxFpirUpper95'),
            maxFnirUpper95: targetOption(i.query.maxFnirUpper95, DEFAULT_RECOGNITION_TARGET.maxFnirUpper95, 'maxFnirUpper95'),
          },
        }),
      ),
    rotateEpoch: async () => ok({ epoch: await rotateEpoch(db) }),
    getTemplateKeyStatus: async (i) => ok(await templateKeyStatus(db, i.nowMs)),
    rotateTemplateKey: async (i) => ok(await rotateTemplateKey(db, ADMIN(i), i.nowMs)),
    rotateAdminToken: async (i) => ok(await rotateAdminToken(db, adminTokens, i.nowMs)),

    listAccounts: async (i) => ok(await listAccounts(db, i.nowMs)),
    createAccount: async (i) => ok(await createAccount(db, i.body as Schemas['AccountCreate'], ADMIN(i), i.nowMs)),
    inviteAccount: async (i) => {
      const made = await createInvitation(db, i.params.accountId!, ADMIN(i), i.nowMs);
      return ok({
        accountId: i.params.accountId!,
        code: made.code,
        link: invitationLink(i, made.role, made.code),
        expiresAtMs: made.expiresAtMs,
      });
    },
    disableAccount: async (i) => ok(await disableAccount(db, i.params.accountId!, ADMIN(i), i.nowMs)),
    invitationOptions: async (i) => ok(await invitationOptions(db, (i.body as Schemas['InvitationCheck']).code, i.rp, i.nowMs)),
    redeemInvitation: async (i) => signedIn(i, await redeemInvitation(db, i.body as Schemas['InvitationRedeem'], i.rp, i.nowMs)),
    signInOptions: async (i) => ok(await signInOptions(db, i.rp, i.nowMs)),
    signIn: async (i) => signedIn(i, await signIn(db, i.body as Schemas['SignInFinish'], i.rp, i.nowMs)),
    signOut: async (i) => {
      await endSession(db, i.sessionToken);
      await db.query('insert into audit_log (at_ms, actor, action, details) values ($1, $2, $3, $4)', [
        i.nowMs,
        ADMIN(i),
        'account.signed-out',
        JSON.stringify({ accountId: person(i).accountId, ...(person(i).siteId ? { siteId: person(i).siteId } : {}) }),
      ]);
      return { status: 200, json: { signedOut: true }, headers: { 'set-cookie': clearedCookie(i.secureCookies) } };
    },
    getMe: async (i) => ok(me(person(i))),
    getSession: async (i) => {
      const p = i.sessionToken === null ? null : await personOfSession(db, i.sessionToken, i.nowMs).catch(() => null);
      return ok({ person: p === null ? null : me(p) });
    },
    parentChildren: async (i) => ok(await parentChildren(db, person(i), i.nowMs)),
    parentChild: async (i) =>
      ok(await parentChildDetail(db, person(i), i.params.childId!, i.query.days ? Number(i.query.days) : DEFAULT_HISTORY_DAYS, i.nowMs)),
    parentConsent: async (i) =>
      ok(await parentConsent(db, person(i), i.params.childId!, (i.body as Schemas['ParentConsentChange']).action, i.nowMs)),
    parentReportAbsence: async (i) =>
      ok(await parentReportAbsence(db, person(i), i.params.childId!, i.body as Schemas['AbsenceReport'], i.nowMs)),
    parentNotices: async (i) => {
      const subscriptions = await listSubscriptions(db, person(i));
      return ok({ vapidPublicKey: (await vapid()).publicKey, emailEnabled: notices.mailer !== undefined, subscriptions });
    },
    parentSubscribePush: async (i) =>
      ok(
        await subscribePush(
          db,
          person(i),
          i.body as Schemas['PushSubscriptionInput'],
          { allowLoopbackPush: notices.allowLoopbackPush === true },
          i.nowMs,
        ),
      ),
    parentSubscribeEmail: async (i) => {
      if (notices.mailer === undefined)
        throw new HttpError(409, 'email-notices-off', 'This district does not send e-mail notices; turn on notices on the phone instead.');
      return ok(await subscribeEmail(db, person(i), i.body as Schemas['EmailSubscriptionInput'], notices.mailer, i.nowMs));
    },
    parentStopNotices: async (i) =>
      ok({ removed: await stopNotices(db, person(i), (i.body as Schemas['NoticeStop']).subscriptionId, i.nowMs) }),
    ...registerHandlers(db),
  };
}

/**
 * A request that a session cookie authenticates and that changes something must come from the district's own pages
 * (the Origin header browsers send): SameSite=Strict already keeps the cookie off other sites' requests, this keeps it
 * so even where a browser or a proxy would not.
 */
function sameOriginOnly(ctx: Context, rp: RelyingParty): void {
  if (ctx.req.method === 'GET' || ctx.req.method === 'HEAD') return;
  const origin = ctx.req.header('origin');
  if (origin !== rp.origin) throw new HttpError(403, 'cross-origin', "This request must come from the district's own pages.");
}

/**
 * The passkey ceremonies that end in a session cookie. They carry no cookie, so SameSite does not protect them: a page on
 * another site could post an assertion the attacker made with their own passkey (a form's text/plain body parses as
 * JSON) and sign the victim's browser in as the attacker (login CSRF: the director then types children's data into the
 * attacker's account). Browsers send Origin on every POST, so these must come from the district's own pages too.
 */
const SESSION_CEREMONIES: ReadonlySet<string> = new Set(['signInOptions', 'signIn', 'invitationOptions', 'redeemInvitation']);

/** A query parameter out of its contract, refused with the code its parameter names (x-error-code in the contract). */
const QUERY_REFUSALS: Record<QueryErrorCode, (message: string) => HttpError> = {
  'invalid-request': (m) => new HttpError(400, 'invalid-request', m),
  'bad-day': (m) => new HttpError(400, 'bad-day', m),
  'bad-since': (m) => new HttpError(400, 'bad-since', m),
  'bad-cursor': (m) => new HttpError(400, 'bad-cursor', m),
  'bad-limit': (m) => new HttpError(400, 'bad-limit', m),
  'bad-format': (m) => new HttpError(400, 'bad-format', m),
  'bad-integrity-option': (m) => new HttpError(400, 'bad-integrity-option', m),
  'bad-recognition-target': (m) => new HttpError(400, 'bad-recognition-target', m),
};

/** `since` of GET /v1/bundle: absent, or the bundle version the tablet holds. */
function sinceOf(value: string | undefined): number | null {
  if (value === undefined) return null;
  if (!/^[0-9]{1,10}$/.test(value))
    throw new HttpError(400, 'bad-since', '`since` must be the bundle version the tablet holds (0 or more).');
  return Number(value);
}

function errorBody(code: string, message: string, details?: unknown): Schemas['Error'] {
  return details === undefined ? { code, message } : { code, message, details };
}

/** The API routes (device and admin) on a new Hono app; static files and the admin page are added by main. */
export function createApp(options: AppOptions): Hono {
  const { db } = options;
  const adminTokens = typeof options.adminToken === 'string' ? fixedAdminToken(options.adminToken) : options.adminToken;
  const now = options.now ?? Date.now;
  const log = options.log ?? ((m: string) => console.error(m));
  const c = contract();
  const table = handlers(db, adminTokens, options.notices ?? {}, log);
  const transport = options.transport ?? 'loopback-http';
  const secureCookies = transport !== 'loopback-http';
  const relyingParty = (url: URL): RelyingParty => {
    if (options.publicOrigin !== undefined) {
      const o = new URL(options.publicOrigin);
      return { rpID: o.hostname, origin: o.origin };
    }
    // Behind a TLS proxy the request reached this process in plain HTTP; the person's browser was on https.
    const protocol = transport === 'loopback-http' ? url.protocol : 'https:';
    return { rpID: url.hostname, origin: `${protocol}//${url.host}` };
  };
  const app = new Hono();
  // Devices authenticate by signature, never by cookie: any origin may call the device API (a kiosk served elsewhere).
  app.use(
    '/v1/*',
    cors({
      origin: '*',
      allowHeaders: ['content-type', 'content-digest', 'signature', 'signature-input'],
      allowMethods: ['GET', 'POST'],
      exposeHeaders: [ANSWER_SIGNATURE_HEADER],
    }),
  );
  const security = options.securityLog ?? new SecurityLog(db, now, log).start();
  const guards = installGuards(app, {
    now,
    log,
    security,
    ...(options.limits ? { limits: options.limits } : {}),
    ...(options.transport ? { transport: options.transport } : {}),
    ...(options.publicOrigin !== undefined ? { publicOrigin: options.publicOrigin } : {}),
    ...(options.trustedProxies !== undefined ? { trustedProxies: options.trustedProxies } : {}),
  });

  for (const op of c.operations.values()) {
    const handler = table[op.operationId];
    if (handler === undefined) throw new Error(`no handler for operation ${op.operationId}`);
    const honoPath = op.path.replace(/\{([^}]+)\}/g, ':$1');
    app.on(op.method.toUpperCase(), honoPath, (ctx) => serve(ctx, op, handler));
  }
  mountEmailLinks(app, db, now);
  app.notFound((ctx) => ctx.json(errorBody('not-found', 'No such endpoint.'), 404));

  /** A signed-in person's refusal: the first few distinct of an account and kind in a minute with details, the rest counted. */
  async function recordRefusal(error: HttpError, op: Operation, nowMs: number): Promise<void> {
    const refusal = refusalAuditOf(error);
    if (refusal === null || !security.accountRefusal(refusal, op.operationId)) return;
    await recordAccountAudit(db, nowMs, refusal.actor, refusal.action, refusal.details);
  }

  async function serve(ctx: Context, op: Operation, handler: Handler): Promise<Response> {
    const nowMs = now();
    let output: HandlerOutput;
    const url = new URL(ctx.req.url);
    let raw = new Uint8Array(0);
    let device: DeviceIdentity | null = null;
    let principal: Principal | null = null;
    let query = ctx.req.query();
    const sessionToken = tokenFromCookie(ctx.req.header('cookie'), secureCookies);
    const rp = relyingParty(url);
    try {
      const length = Number(ctx.req.header('content-length') ?? '0');
      if (length > MAX_BODY_BYTES) throw new HttpError(413, 'body-too-large', 'The request body is too large.');
      raw = new Uint8Array(await ctx.req.arrayBuffer());
      if (raw.length > MAX_BODY_BYTES) throw new HttpError(413, 'body-too-large', 'The request body is too large.');
      // Ids in the path as the contract has them, before any check or log reads them (control characters, 16 KB ids).
      const badPath = c.checkPathIds(op, ctx.req.param() as Record<string, string>);
      if (badPath !== null) throw new HttpError(400, 'invalid-request', `The path does not match the contract: ${badPath}.`);
      if (op.security === 'device') {
        device = await authenticateDevice(
          db,
          {
            method: ctx.req.method,
            path: url.pathname,
            query: url.search === '' ? '?' : url.search,
            headers: { get: (name) => ctx.req.header(name) },
            body: raw,
          },
          nowMs,
        );
        guards.deviceAuthenticated(device);
      } else if (op.security === 'admin') {
        // The token for the CLI and automation; otherwise a person's session, then the operation's access rule.
        const authorization = ctx.req.header('authorization');
        if (authorization !== undefined || sessionToken === null) {
          if (!adminTokens.matches(authorization)) throw new HttpError(401, 'admin-token-required', 'This needs the district admin token.');
          principal = TOKEN;
        } else {
          principal = await personOfSession(db, sessionToken, nowMs);
          sameOriginOnly(ctx, rp);
        }
        query = await authorizeAdmin(db, op.operationId, principal, ctx.req.param() as Record<string, string>, query);
      } else if (op.security === 'session') {
        principal = await personOfSession(db, sessionToken, nowMs);
        sameOriginOnly(ctx, rp);
        if (op.method !== 'get') guards.personChanging(principal.accountId);
      } else if (SESSION_CEREMONIES.has(op.operationId)) {
        sameOriginOnly(ctx, rp);
      }
      const badQuery = c.checkQuery(op, query);
      if (badQuery !== null) throw QUERY_REFUSALS[badQuery.code](`The query does not match the contract: ${badQuery.problem}.`);
      let body: unknown = undefined;
      if (op.requestSchemaRef !== null) {
        body = parseJsonBody(raw);
        const bad = c.checkBody(op.requestSchemaRef, body);
        if (bad?.code === 'invisible-characters') {
          throw new HttpError(
            400,
            'invisible-characters',
            `${bad.problem}: the text has control characters or text-direction marks (often copied in from another document). Type it again and save.`,
          );
        }
        if (bad !== null) throw new HttpError(400, 'invalid-request', `The request does not match the contract: ${bad.problem}.`);
      }
      output = await handler({
        params: ctx.req.param() as Record<string, string>,
        query,
        body,
        device,
        principal,
        sessionToken,
        rp,
        secureCookies,
        nowMs,
      });
    } catch (error) {
      if (error instanceof HttpError) {
        guards.noteRefusal(ctx, op, error);
        await recordRefusal(error, op, nowMs);
        output = {
          status: error.status,
          json: errorBody(error.code, error.message, error.details),
          ...(error instanceof RateLimitedError ? { headers: { 'retry-after': String(error.retryAfterS) } } : {}),
        };
      } else {
        log(`[server] ${op.operationId} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        return ctx.json(errorBody('server-error', 'The server failed; the request can be retried.'), 500);
      }
    }
    if ('text' in output) return ctx.body(output.text, output.status as 200, { 'content-type': output.contentType });
    if ('bytes' in output)
      return ctx.body(output.bytes as Uint8Array<ArrayBuffer>, output.status as 200, {
        ...output.headers,
        'content-type': output.contentType,
      });
    if (!('prepared' in output)) {
      const ref = op.responses.get(output.status);
      const problem =
        ref === undefined ? `status ${output.status} is not in the contract` : ref === null ? null : c.check(ref, output.json);
      if (problem !== null) {
        log(`[server] ${op.operationId} response violates the contract: ${problem}`);
        return ctx.json(errorBody('contract-violation', 'The server produced a response outside its contract.'), 500);
      }
    }
    guards.noteAnswer(ctx, op, device, 'json' in output ? output.json : {});
    // Device answers (and the pairing answer) go signed for this request; answers to people (admin, account, parent) as they are.
    if (op.security !== 'device' && op.operationId !== 'pairDevice')
      return ctx.json('json' in output ? output.json : null, output.status as 200, 'json' in output ? output.headers : undefined);
    const body = 'prepared' in output ? output.prepared : await prepareJson(output.json);
    return sendSignedAnswer(
      ctx,
      db,
      {
        method: ctx.req.method,
        path: url.pathname,
        query: url.search === '' ? '?' : url.search,
        raw,
        signatureInput: ctx.req.header('signature-input'),
        acceptEncoding: ctx.req.header('accept-encoding'),
      },
      output.status,
      body,
      'headers' in output ? output.headers : undefined,
    );
  }
  return app;
}
