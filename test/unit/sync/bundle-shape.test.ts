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
    pickups: [
      {
        childId: 'c1',
        adults: [
          {
            pickupId: 'p1',
            childId: 'c1',
            name: 'Dana A.',
            relation: 'mother',
            cards: ['mifare:04B0B0B0'],
            codeHash: { algorithm: 'pbkdf2-sha256', iterations: 200_000, salt: 'A'.repeat(22), hash: 'B'.repeat(43) },
            validFrom: null,
            validTo: null,
          },
          {
            pickupId: 'p2',
            childId: 'c1',
            name: 'Erlan A.',
            relation: 'grandfather',
            cards: [],
            codeHash: { algorithm: 'pbkdf2-sha256', iterations: 200_000, salt: 'C'.repeat(22), hash: 'D'.repeat(43) },
            validFrom: '2026-01-01',
            validTo: '2026-06-30',
          },
        ],
        doNotRelease: [{ entryId: 'd1', childId: 'c1', name: 'Marat K.', reason: 'court order 12.03.2026', cards: ['mifare:04DEAD00'] }],
      },
    ],
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

describe('pickups in a bundle', () => {
  type Adult = BundlePayload['pickups'][number]['adults'][number];
  const withAdults = (...adults: Partial<Adult>[]) => {
    const b = bundle();
    const group = b.pickups[0]!;
    group.adults = adults.map((a, i) => ({ ...group.adults[0]!, pickupId: `p${i + 1}`, ...a }));
    return b;
  };

  it('takes authorised adults and do-not-release entries of children on the roster', () => {
    const r = parseBundlePayload(bundle());
    expect(r.ok && r.payload.pickups).toEqual(bundle().pickups);
    expect(problem({ ...bundle(), pickups: [] })).toBeNull();
  });

  it('refuses pickups of a child not on the roster, or listed twice, or an entry under another child', () => {
    expect(problem({ ...bundle(), pickups: [{ ...bundle().pickups[0]!, childId: 'c9' }] })).toMatch(/pickups of a child not on the roster/);
    expect(problem({ ...bundle(), pickups: [bundle().pickups[0], { childId: 'c1', adults: [], doNotRelease: [] }] })).toMatch(
      /appear twice/,
    );
    expect(problem(withAdults({ childId: 'c2' }))).toMatch(/listed under another child/);
    const { pickups: _p, ...without } = bundle();
    expect(problem(without)).toMatch(/pickups is missing/);
  });

  it('refuses duplicate ids, an adult with neither card nor code, a validity that ends before it starts', () => {
    expect(problem(withAdults({}, { pickupId: 'p1', cards: ['mifare:04C0C0C0'] }))).toMatch(/pickup entry p1 appears twice/);
    expect(problem(withAdults({ cards: [], codeHash: null }))).toMatch(/neither a card nor a code/);
    expect(problem(withAdults({ validFrom: '2026-05-01', validTo: '2026-04-30' }))).toMatch(/valid to a day before/);
  });

  it("refuses a card of two adults (of one child or two), a card that is a child's bracelet, a card both allowed and denied", () => {
    expect(problem(withAdults({}, { cards: ['mifare:04B0B0B0'] }))).toMatch(/card mifare:04B0B0B0 belongs to two pickup adults/);
    expect(problem(withAdults({ cards: ['mifare:04B0B0B0', 'mifare:04B0B0B0'] }))).toMatch(/two pickup adults/);
    const twoChildren = bundle();
    twoChildren.pickups.push({
      childId: 'c2',
      adults: [{ ...twoChildren.pickups[0]!.adults[0]!, pickupId: 'p9', childId: 'c2' }],
      doNotRelease: [],
    });
    expect(problem(twoChildren)).toMatch(/two pickup adults/);
    expect(problem(withAdults({ cards: ['mifare:04A1B2C3'] }))).toMatch(/both a pickup adult's and a child's bracelet/);
    const denied = bundle();
    denied.pickups[0]!.doNotRelease[0]!.cards = ['mifare:04B0B0B0'];
    expect(problem(denied)).toMatch(/both allowed and denied/);
    denied.pickups[0]!.doNotRelease[0]!.cards = ['mifare:04A1B2C3'];
    expect(problem(denied)).toMatch(/do-not-release entry and a child's bracelet/);
  });

  it('refuses a malformed code hash or card', () => {
    expect(problem(withAdults({ codeHash: { ...bundle().pickups[0]!.adults[0]!.codeHash!, iterations: 1000 } }))).toMatch(/iterations/);
    expect(problem(withAdults({ codeHash: { ...bundle().pickups[0]!.adults[0]!.codeHash!, hash: 'short' } }))).toMatch(/hash/);
    expect(problem(withAdults({ cards: ['04B0B0B0'] }))).toMatch(/cards/);
    expect(problem(withAdults({ code: '1234' } as Partial<Adult>))).toMatch(/code is not allowed/);
  });

  it('in a delta, refuses pickups of a child the delta does not name', () => {
    const r = parseBundleAnswer({ ...bundle(), kind: 'delta', fromVersion: 2, pickups: [{ ...bundle().pickups[0]!, childId: 'c5' }] });
    expect(r.ok ? null : r.problem).toMatch(/pickups of a child the delta does not name/);
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
    expect(answerProblem({ ...delta(), children: [bundle().children[1]], templates: [], pickups: [] })).toMatch(
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
