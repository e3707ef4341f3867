// Face consent rules, pure: whether a consent record is in force on a day (the ONE rule the kiosk and the district
// server share; the server's SQL form, activeConsentSql, is tested against it), a child's consent as staff see it, and
// whether enrolment is allowed. The district is the authority; the tablet only adds the end of an expiry it already
// knows about (no sync needed).

/** A face consent record's dates (YYYY-MM-DD): the day it was granted, its last day, the day it was revoked. */
export interface ConsentDates {
  grantedOn: string;
  expiresOn: string;
  revokedOn: string | null;
}

/** A face consent in force on `today` (YYYY-MM-DD): granted, not yet expired, not revoked. */
export function isConsentActive(c: ConsentDates, today: string): boolean {
  return c.revokedOn === null && c.grantedOn <= today && today <= c.expiresOn;
}

/**
 * Whether a consent covered `day` looking back (YYYY-MM-DD): within its dates and not withdrawn before that day. A
 * withdrawal takes effect during its day, so the day itself is covered (a face check-in that morning was lawful).
 * isConsentActive answers for today; this one for a day in the past, after a later withdrawal.
 */
export function consentCoveredDay(c: ConsentDates, day: string): boolean {
  return c.grantedOn <= day && day <= c.expiresOn && (c.revokedOn === null || day <= c.revokedOn);
}

/** The day after `day` (YYYY-MM-DD). */
function dayAfter(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/**
 * The last day a child's consent runs without a break from `active` (in force today): a renewal recorded to start by
 * the day after it ends carries it on. The tablet expires a consent on its own at that day's end; a renewal that
 * follows on must not end it (the templates would go, and the child would need enrolling again).
 */
export function consentRunsUntil(active: ConsentDates, all: readonly ConsentDates[]): string {
  let end = active.expiresOn;
  for (;;) {
    const next = all.find((c) => c.revokedOn === null && c.grantedOn <= dayAfter(end) && c.expiresOn > end);
    if (next === undefined) return end;
    end = next.expiresOn;
  }
}

export type ConsentState = 'active' | 'none' | 'revoked' | 'expired';

export interface ConsentFields {
  faceConsent: boolean;
  faceConsentEnded?: 'revoked' | 'expired';
  /** Last day of the consent (YYYY-MM-DD), when known. */
  faceConsentExpiresOn?: string;
}

/** `today`: the site's local day, YYYY-MM-DD. */
export function consentState(c: ConsentFields, today: string): ConsentState {
  if (c.faceConsent) return c.faceConsentExpiresOn !== undefined && c.faceConsentExpiresOn < today ? 'expired' : 'active';
  return c.faceConsentEnded ?? 'none';
}

export type EnrolBlock = 'biometrics-off' | 'consent-none' | 'consent-revoked' | 'consent-expired';

/** Why the enrol button is disabled for this child, or null when enrolment may start. */
export function enrolBlock(c: ConsentFields, today: string, biometricsEnabled: boolean): EnrolBlock | null {
  if (!biometricsEnabled) return 'biometrics-off';
  const state = consentState(c, today);
  return state === 'active' ? null : `consent-${state}`;
}
