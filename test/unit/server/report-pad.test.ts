// The funding register says how each child's first check-in was made, and flags a face check-in whose presentation-
// attack check was not live (a site in evidence or record-flagged mode records those): the director sees which
// arrivals to review, in the JSON report and the CSV, from the events the tablet pushed.
import { describe, expect, it } from 'vitest';
import type { MarkEvent } from '../../../src/core/attendance-rules';
import type { ChildId, DeviceId } from '../../../src/core/types';
import { createUuidV7 } from '../../../src/core/uuidv7';
import { GENESIS_HASH, hashEvent } from '../../../src/protocol/event-chain';
import { dayKeyIn } from '../../../server/ids';
import type { components } from '../../../src/protocol/api-types.generated';
import { createSite, pairTestDevice, useTestDistrict } from './district-fixture';
import { padEvidence } from './face-mark-fixture';

type Schemas = components['schemas'];
const d = useTestDistrict();
const newId = createUuidV7();

describe('the daily report and PAD evidence', () => {
  it('names how the first check-in was made and flags a face check-in that was not live', async () => {
    const site = await createSite(d, 'Register site');
    const add = async (displayName: string) =>
      (await d.admin<Schemas['ChildAdmin']>('POST', `/admin/v1/sites/${site}/children`, { displayName })).body.childId;
    const [live, flagged, tapped] = [await add('Live L.'), await add('Flagged F.'), await add('Tapped T.')];
    const { client, pairing } = await pairTestDevice(d, site);
    const now = Date.now();
    const day = dayKeyIn(now, 'Asia/Almaty');
    const drafts: Omit<MarkEvent, 'id' | 'deviceId' | 'seq' | 'prevHash'>[] = [
      {
        type: 'mark',
        childId: live as ChildId,
        dayKey: day,
        atMs: now - 30_000,
        direction: 'in',
        method: 'face',
        score: 0.7,
        pad: padEvidence('live', 0.91),
      },
      {
        type: 'mark',
        childId: flagged as ChildId,
        dayKey: day,
        atMs: now - 20_000,
        direction: 'in',
        method: 'face',
        score: 0.7,
        pad: padEvidence('unsure', 0.2),
      },
      { type: 'mark', childId: tapped as ChildId, dayKey: day, atMs: now - 10_000, direction: 'in', method: 'bracelet', score: null },
    ];
    const events: MarkEvent[] = [];
    let prev = GENESIS_HASH;
    for (const [i, draft] of drafts.entries()) {
      const event: MarkEvent = { ...draft, id: newId(draft.atMs), deviceId: pairing.deviceId as DeviceId, seq: i + 1, prevHash: prev };
      events.push(event);
      prev = await hashEvent(event);
    }
    const pushed = await client.pushEvents({ events });
    expect(pushed.ok && pushed.body.results.map((r) => r.status)).toEqual(['stored', 'stored', 'stored']);

    const report = (await d.admin<Schemas['DailyReport']>('GET', `/admin/v1/sites/${site}/report?day=${day}`)).body;
    const row = (id: string) => report.rows.find((r) => r.childId === id);
    expect(row(live)).toMatchObject({ firstInMethod: 'face', padFlagged: false });
    expect(row(flagged)).toMatchObject({ firstInMethod: 'face', padFlagged: true });
    expect(row(tapped)).toMatchObject({ firstInMethod: 'bracelet', padFlagged: false });

    const csv = await d.admin<string>('GET', `/admin/v1/sites/${site}/report?day=${day}&format=csv`);
    const lines = String(csv.body).split('\r\n');
    expect(lines[0]).toBe('day,child_id,name,group,first_in,first_in_method,pad_flagged,last_out,marks');
    expect(lines.find((l) => l.includes(flagged))).toMatch(/,face,yes,/);
    expect(lines.find((l) => l.includes(live))).toMatch(/,face,,/);
  });
});
