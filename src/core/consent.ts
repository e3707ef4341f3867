// A child's face consent as staff see it, and whether enrolment is allowed: pure rules over the roster's fields.
// The district is the authority; the tablet only adds the end of an expiry it already knows about (no sync needed).

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
