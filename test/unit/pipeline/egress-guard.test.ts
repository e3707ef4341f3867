// The recognition worker's fetch refuses other origins before anything leaves (MediaPipe Tasks' usage logging), and
// passes the kiosk's own requests (models, wasm) through unchanged.
import { describe, expect, it, vi } from 'vitest';
import { guardEgress, sameOriginFetch } from '../../../src/pipeline/egress-guard';

const origin = 'https://kiosk.example.kz';

describe('sameOriginFetch', () => {
  it('passes requests to the own origin, relative or absolute, to the real fetch', async () => {
    const inner = vi.fn(async () => new Response('ok'));
    const guarded = sameOriginFetch(inner as unknown as typeof fetch, origin);
    await guarded('/models/fr-feature.onnx');
    await guarded(new URL('/mediapipe/vision_wasm_module_internal.wasm', origin));
    await guarded(new Request(`${origin}/models/manifest.json`));
    expect(inner).toHaveBeenCalledTimes(3);
  });

  it('refuses another origin without calling the real fetch (the logging endpoint MediaPipe Tasks posts to)', async () => {
    const inner = vi.fn(async () => new Response('ok'));
    const guarded = sameOriginFetch(inner as unknown as typeof fetch, origin);
    await expect(guarded('https://odml.pa.googleapis.com/v1/log', { method: 'POST', body: 'x' })).rejects.toThrow(/contacts only/);
    await expect(guarded(new Request('http://kiosk.example.kz/models/manifest.json'))).rejects.toThrow(/contacts only/);
    await expect(guarded('//cdn.example.com/x.js')).rejects.toThrow(/contacts only/);
    expect(inner).not.toHaveBeenCalled();
  });

  it('guardEgress replaces the scope fetch', async () => {
    const inner = vi.fn(async () => new Response('ok'));
    const scope = { fetch: inner as unknown as typeof fetch, location: { origin } };
    guardEgress(scope);
    await expect(scope.fetch('https://odml.pa.googleapis.com/v1/log')).rejects.toThrow(TypeError);
    await scope.fetch('/ort/ort-wasm-simd-threaded.wasm');
    expect(inner).toHaveBeenCalledTimes(1);
  });
});
