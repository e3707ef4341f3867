// The module that owns the recognition worker: frames are dropped while it is busy, a hung frame
// times out, and a crashed worker is replaced without anyone else creating workers.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultConfig } from '../../../src/config';
import { RecognitionClient } from '../../../src/pipeline/recognition-client';
import type { FromWorker, ToWorker } from '../../../src/pipeline/recognition-protocol';

/** A strict fake of the recognition worker: answers init, and frames only when told to. */
class FakeWorker {
  static created: FakeWorker[] = [];
  onmessage: ((e: MessageEvent<FromWorker>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  terminated = false;
  frames: Extract<ToWorker, { type: 'frame' }>[] = [];
  constructor(
    private readonly initReply: FromWorker = {
      type: 'ready',
      info: { backend: 'wasm', detector: { backend: 'onnx' }, threads: 2, crossOriginIsolated: true, models: [], loadMs: 1 },
    },
  ) {
    FakeWorker.created.push(this);
  }
  postMessage(message: ToWorker): void {
    if (message.type === 'init') queueMicrotask(() => this.onmessage?.({ data: this.initReply } as MessageEvent<FromWorker>));
    else this.frames.push(message);
  }
  answer(id: number): void {
    this.onmessage?.({
      data: {
        type: 'result',
        id,
        analysis: { faces: [], timings: { detectMs: 1, refineMs: 0, alignMs: 0, embedMs: 0, totalMs: 1 }, width: 640, height: 480 },
      },
    } as unknown as MessageEvent<FromWorker>);
  }
  crash(): void {
    this.onerror?.({ message: 'boom', preventDefault() {} } as ErrorEvent);
  }
  terminate(): void {
    this.terminated = true;
  }
}

const frame = () => {
  const f = {
    width: 640,
    height: 480,
    closed: false,
    close() {
      f.closed = true;
    },
  };
  return f;
};

function client(config = {}) {
  FakeWorker.created = [];
  return new RecognitionClient({
    config: { ...defaultConfig, ...config },
    modelBaseUrl: '/models/',
    wasmPaths: '/ort/',
    createWorker: () => new FakeWorker() as unknown as Worker,
  });
}

afterEach(() => vi.useRealTimers());

describe('RecognitionClient', () => {
  it('starts the worker and reports what runs', async () => {
    const c = client();
    const info = await c.start();
    expect(info.backend).toBe('wasm');
    expect(c.current.kind).toBe('ready');
    c.stop();
  });

  it('drops a frame while the worker is busy, and closes it', async () => {
    const c = client();
    await c.start();
    const first = c.analyse(frame() as unknown as ImageBitmap);
    const second = frame();
    expect(await c.analyse(second as unknown as ImageBitmap)).toEqual({ kind: 'dropped' });
    expect(second.closed).toBe(true);
    FakeWorker.created[0]!.answer(FakeWorker.created[0]!.frames[0]!.id);
    expect((await first).kind).toBe('analysed');
    c.stop();
  });

  it('restarts a crashed worker and analyses again', async () => {
    vi.useFakeTimers();
    const c = client();
    await c.start();
    const pending = c.analyse(frame() as unknown as ImageBitmap);
    FakeWorker.created[0]!.crash();
    expect(await pending).toMatchObject({ kind: 'failed', error: { code: 'worker-crashed' } });
    expect(FakeWorker.created[0]!.terminated).toBe(true);
    expect(c.current.kind).toBe('restarting');
    await vi.advanceTimersByTimeAsync(600);
    expect(FakeWorker.created).toHaveLength(2);
    expect(c.current.kind).toBe('ready');
    const again = c.analyse(frame() as unknown as ImageBitmap);
    FakeWorker.created[1]!.answer(FakeWorker.created[1]!.frames[0]!.id);
    expect((await again).kind).toBe('analysed');
    c.stop();
  });

  it('times out a hung frame and replaces the worker', async () => {
    vi.useFakeTimers();
    const c = client({ workerFrameTimeoutMs: 1000 });
    await c.start();
    const pending = c.analyse(frame() as unknown as ImageBitmap);
    await vi.advanceTimersByTimeAsync(1001);
    expect(await pending).toMatchObject({ kind: 'failed', error: { code: 'worker-timeout' } });
    expect(FakeWorker.created[0]!.terminated).toBe(true);
    await vi.advanceTimersByTimeAsync(600);
    expect(FakeWorker.created).toHaveLength(2);
    c.stop();
  });

  it('a missing model is reported and not retried in a loop', async () => {
    FakeWorker.created = [];
    const c = new RecognitionClient({
      config: defaultConfig,
      modelBaseUrl: '/models/',
      wasmPaths: '/ort/',
      createWorker: () => new FakeWorker({ type: 'init-error', error: { code: 'model-missing', message: 'x' } }) as unknown as Worker,
    });
    await expect(c.start()).rejects.toMatchObject({ code: 'model-missing' });
    expect(c.current).toMatchObject({ kind: 'failed', error: { code: 'model-missing' } });
    expect(FakeWorker.created).toHaveLength(1);
  });
});
