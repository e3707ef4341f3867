// The tablet's own check of a bundle answer's shape and rules (what a signature cannot prove: the district's server
// could have a bug): templates only of rostered children with face consent, none with biometrics off, unique ids; a
// delta names its base version and carries consents only of the children it names; "unchanged" is small and exact.
import { describe, expect, it } from 'vitest';
import { parseBundleAnswer, parseBundlePayload, type BundlePayload } from '../../../src/core/bundle-shape';

function bundle(): BundlePayload {
  return {
    kind: 'full',
    format: 'gate-kiosk-bundle/2',
    districtId: 'dist_1',
    siteId: 'site_1',
    version: 3,
    issuedAtMs: 1_000,
    expiresAtMs: 2_000,
    children: [
      { childId: 'c1', displayName: 'Aisha A.', group: 'Stars', bracelets: ['mifare:04A1B2C3'] },
      { childId: 'c2', displayName: 'Timur B.', group: 'Stars', bracelets: [] },
    ],
    removedChildIds: ['c9'],
    consents: [
      {
        consentId: 'k1',
        childId: 'c1',
        guardianName: 'Mother',
        scope: 'face',
        grantedOn: '2026-01-01',
        expiresOn: '2026-12-31',
        revokedOn: null,
      },
    ],
    settings: {
      biometricsEnabled: true,
      assessmentRef: 'DPIA-1',
      matchThreshold: 0.36,
      matchMargin: 0.06,
      nightlyWindow: { start: '01:00', end: '04:00' },
      maxOfflineFaceDays: 3,
    },
    timeZone: 'Asia/Almaty',
    templates: [{ templateId: 't1', childId: 'c1', keyVersion: 1, createdAtMs: 5, ciphertext: 'QUJD' }],
    rosterDigest: 'a'.repeat(64),
  };
}

const problem = (b: unknown) => {
  const r = parseBundlePayload(b);
  return r.ok ? null : r.problem;
};

describe('parseBundlePayload', () => {
  it('accepts a well-formed bundle as is', () => {
    expect(parseBundlePayload(bundle())).toEqual({ ok: true, payload: bundle() });
  });

  it('refuses a template of a child without face consent, of a child not on the roster, and any while biometrics are off', () => {
    expect(problem({ ...bundle(), templates: [{ ...bundle().templates[0]!, childId: 'c2' }] })).toMatch(/without face consent/);
    expect(problem({ ...bundle(), templates: [{ ...bundle().templates[0]!, childId: 'c9' }] })).toMatch(/not on the roster/);
    const revoked = bundle();
    revoked.consents[0]!.revokedOn = '2026-02-01';
    expect(problem(revoked)).toMatch(/without face consent/);
    const off = bundle();
    off.settings.biometricsEnabled = false;
    expect(problem(off)).toMatch(/biometrics are off/);
  });

  it('refuses duplicates, unknown fields, wrong types and out-of-range settings', () => {
    expect(problem({ ...bundle(), children: [...bundle().children, bundle().children[0]] })).toMatch(/appears twice/);
    expect(
      problem({ ...bundle(), children: [bundle().children[0], { ...bundle().children[1]!, bracelets: ['mifare:04A1B2C3'] }] }),
    ).toMatch(/two children/);
    expect(problem({ ...bundle(), removedChildIds: ['c1'] })).toMatch(/both on the roster and removed/);
    expect(problem({ ...bundle(), extra: 1 })).toMatch(/not allowed/);
    expect(problem({ ...bundle(), timeZone: 'Mars/Olympus_Mons' })).toMatch(/timeZone is not a time zone/);
    const { timeZone: _zone, ...zoneless } = bundle();
    expect(problem(zoneless)).toMatch(/timeZone/);
    expect(problem({ ...bundle(), version: '3' })).toMatch(/version/);
    expect(problem({ ...bundle(), settings: { ...bundle().settings, matchThreshold: 0.05 } })).toMatch(/matchThreshold/);
    expect(problem({ ...bundle(), settings: { ...bundle().settings, nightlyWindow: { start: '25:00', end: '04:00' } } })).toMatch(
      /nightlyWindow/,
    );
    expect(problem({ ...bundle(), expiresAtMs: 1_000 })).toMatch(/expiresAtMs/);
    expect(problem({ ...bundle(), format: 'gate-kiosk-bundle/1' })).toMatch(/format/);
    expect(problem({ ...bundle(), rosterDigest: 'A'.repeat(64) })).toMatch(/rosterDigest/);
    expect(problem({ ...bundle(), kind: 'delta' })).toMatch(/kind/);
    expect(problem(null)).toMatch(/not an object/);
  });

  it("takes the district's template key version and twin flags, and refuses them malformed", () => {
    const flagged = {
      ...bundle(),
      templateKeyVersion: 2,
      children: [
        { ...bundle().children[0]!, twin: true },
        { ...bundle().children[1]!, twin: false },
      ],
    };
    const parsed = parseBundlePayload(flagged);
    expect(parsed.ok && [parsed.payload.templateKeyVersion, parsed.payload.children.map((c) => c.twin === true)]).toEqual([
      2,
      [true, false],
    ]);
    expect(problem({ ...bundle(), templateKeyVersion: 0 })).toMatch(/templateKeyVersion/);
    expect(problem({ ...bundle(), templateKeyVersion: '2' })).toMatch(/templateKeyVersion/);
    expect(problem({ ...bundle(), children: [{ ...bundle().children[0]!, twin: 'yes' }] })).toMatch(/children\[0\]\.twin/);
  });
});

describe('parseBundleAnswer', () => {
  const answerProblem = (a: unknown) => {
    const r = parseBundleAnswer(a);
    return r.ok ? null : r.problem;
  };
  const delta = () => ({ ...bundle(), kind: 'delta', fromVersion: 2 });
  const unchanged = { kind: 'unchanged', districtId: 'dist_1', siteId: 'site_1', version: 3, issuedAtMs: 1_000, expiresAtMs: 2_000 };

  it('takes a full bundle, a delta and an unchanged answer by their kind', () => {
    expect(parseBundleAnswer(bundle())).toEqual({ ok: true, answer: bundle() });
    expect(parseBundleAnswer(delta())).toEqual({ ok: true, answer: delta() });
    expect(parseBundleAnswer(unchanged)).toEqual({ ok: true, answer: unchanged });
  });

  it('refuses a delta that does not build on an older version or names consents of children it does not carry', () => {
    expect(answerProblem({ ...delta(), fromVersion: 3 })).toMatch(/fromVersion/);
    expect(answerProblem({ ...delta(), fromVersion: undefined })).toMatch(/fromVersion/);
    expect(answerProblem({ ...delta(), children: [bundle().children[1]], templates: [] })).toMatch(
      /consent k1 of a child the delta does not name/,
    );
    expect(answerProblem({ ...delta(), templates: [{ ...bundle().templates[0]!, childId: 'c2' }] })).toMatch(/without face consent/);
  });

  it('refuses an unchanged answer with anything more, or an expiry before its issue', () => {
    expect(answerProblem({ ...unchanged, children: [] })).toMatch(/not allowed/);
    expect(answerProblem({ ...unchanged, expiresAtMs: 1_000 })).toMatch(/expiresAtMs/);
    expect(answerProblem({ ...unchanged, version: 0 })).toMatch(/version/);
    expect(answerProblem({ ...unchanged, kind: 'nothing' })).toMatch(/kind is not full, delta or unchanged/);
  });
});
