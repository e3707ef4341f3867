// Face and bracelet at the real kiosk (Debian Chromium, fake camera, fake USB serial reader): a child flagged as a twin
// is enrolled through the kiosk's enrolment code; the face alone records nothing and asks for the bracelet, and the
// child's own bracelet then checks them in once, with the same greeting as any other check-in.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { braceletBytes, canonicalEm4100, FAKE_READER, tap } from '../../bench/lib/bracelet-run';
import { fakeSerialScript } from '../../bench/lib/fake-serial.page';
import { buildGateApp } from '../../bench/lib/gate-app';
import { readKioskEvents, startGateSession, type GateSession } from '../../bench/lib/gate-run';
import { listIdentities, requireFacesDir } from '../support/faces';
import { greetingFor } from '../support/greetings';

const dev = join(requireFacesDir(), 'dev');
const putin = listIdentities(dev).find((i) => i.name === 'lfw_vladimir_putin')!.files;

let workDir: string;
let session: GateSession | null = null;

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'gk-pair-test-'));
  await buildGateApp();
});

afterAll(async () => {
  await session?.close();
  rmSync(workDir, { recursive: true, force: true });
});

describe('face and bracelet for a twin', () => {
  it("the face asks for the bracelet and records nothing; the child's bracelet then checks them in once", async () => {
    session = await startGateSession({
      facesRoot: dev,
      workDir,
      children: [
        {
          id: 'child-aruzhan',
          firstName: 'Aruzhan',
          enrolPhotos: putin.slice(0, 3),
          twin: true,
          braceletUid: canonicalEm4100(braceletBytes(5)),
        },
      ],
      presentations: [{ label: 'child-aruzhan', photo: putin[4]!, seconds: 12 }],
      readers: [
        {
          id: 'serial-test',
          transport: 'serial',
          profile: 'rdm6300',
          usbVendorId: FAKE_READER.usbVendorId,
          usbProductId: FAKE_READER.usbProductId,
          addedAtMs: 0,
        },
      ],
      initScripts: [fakeSerialScript(FAKE_READER)],
    });
    expect(session.enrolments.map((e) => e.result.kind)).toEqual(['enrolled']);
    const { page, server } = session;
    await page.goto(server.url + '/');
    await page.waitForSelector('[data-testid="reader-status"][data-state="connected"]', { timeout: 60_000 });
    await page.waitForSelector('[data-testid="confirm"][data-need="bracelet"]', { timeout: 60_000 });
    expect(await page.$('[data-testid="greeting"]')).toBeNull();
    expect(await readKioskEvents(page)).toEqual([]);

    expect(await tap(page, braceletBytes(5))).toMatchObject({ shown: 'recorded', childId: 'child-aruzhan' });
    expect((await greetingFor(page, 'child-aruzhan')).text).toContain('Aruzhan');
    const events = await readKioskEvents(page);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ childId: 'child-aruzhan', type: 'mark', direction: 'in', method: 'bracelet' });
    // The face confirmed it: the event carries the face's match score.
    expect((events[0] as { score: number | null }).score).toBeGreaterThan(0.3);
  });
});
