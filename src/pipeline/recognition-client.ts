// The one module that owns the recognition worker: it transfers frames, drops frames while the
// worker is busy, times out a hung frame, and restarts a crashed or hung worker with back-off.
// Nothing else in the app calls `new Worker` for recognition.
import type { KioskConfig } from '../config';
import type { AnalyseOptions, FrameAnalysis, PipelineInfo } from './face-pipeline';
import type { PipelineErrorData } from './pipeline-errors';
import type { FromWorker, ToWorker, WorkerInitOptions } from './recognition-protocol';

export type FrameOutcome =
  { kind: 'analysed'; analysis: FrameAnalysis } | { kind: 'dropped' } | { kind: 'failed'; error: PipelineErrorData };

export type ClientState =
  | { kind: 'loading' }
  | { kind: 'ready'; info: PipelineInfo }
  | { kind: 'failed'; error: PipelineErrorData }
  | { kind: 'restarting'; attempt: number };

export interface RecognitionClientOptions {
  config: Readonly<KioskConfig>;
  modelBaseUrl: string;
  wasmPaths: string;
  /** Where MediaPipe Tasks' wasm is served (only loaded with config.detectorBackend 'mediapipe'); default /mediapipe/. */
  mediapipeWasmBase?: string;
  backend?: 'auto' | 'wasm';
  maxThreads?: number;
  createWorker?: () => Worker;
}

const defaultWorker = () => new Worker(new URL('./recognition.worker.ts', import.meta.url), { type: 'module', name: 'recognition' });

export class RecognitionClient {
  private worker: Worker | null = null;
  private state: ClientState = { kind: 'loading' };
  private readonly listeners = new Set<(s: ClientState) => void>();
  private pending: { id: number; resolve: (o: FrameOutcome) => void; timer: ReturnType<typeof setTimeout> } | null = null;
  private nextId = 1;
  private restarts = 0;
  private stopped = false;
  private ready: Promise<PipelineInfo> | null = null;

  constructor(private readonly options: RecognitionClientOptions) {}

  get current(): ClientState {
    return this.state;
  }

  onState(listener: (s: ClientState) => void): () => void {
    this.listeners.add(listener);
    listener(this.state);
    return () => this.listeners.delete(listener);
  }

  private setState(state: ClientState): void {
    this.state = state;
    for (const l of this.listeners) l(state);
  }

  /** Starts the worker and loads the models; resolves with what runs (backend, threads, models). */
  start(): Promise<PipelineInfo> {
    this.stopped = false;
    this.ready = new Promise<PipelineInfo>((resolve, reject) => {
      const worker = (this.options.createWorker ?? defaultWorker)();
      this.worker = worker;
      this.setState(this.restarts > 0 ? { kind: 'restarting', attempt: this.restarts } : { kind: 'loading' });
      const loadTimer = setTimeout(() => {
        const error: PipelineErrorData = { code: 'worker-timeout', message: 'loading the models took too long' };
        this.setState({ kind: 'failed', error });
        reject(error);
        this.crash(error);
      }, this.options.config.workerLoadTimeoutMs);
      worker.onmessage = (event: MessageEvent<FromWorker>) => {
        const message = event.data;
        if (message.type === 'ready') {
          clearTimeout(loadTimer);
          this.setState({ kind: 'ready', info: message.info });
          resolve(message.info);
        } else if (message.type === 'init-error') {
          clearTimeout(loadTimer);
          // A missing or corrupt model is not fixed by restarting: report it and stay down.
          this.setState({ kind: 'failed', error: message.error });
          reject(message.error);
        } else if (this.pending && this.pending.id === message.id) {
          const { resolve: done, timer } = this.pending;
          clearTimeout(timer);
          this.pending = null;
          done(message.type === 'result' ? { kind: 'analysed', analysis: message.analysis } : { kind: 'failed', error: message.error });
        }
      };
      worker.onerror = (event) => {
        event.preventDefault();
        clearTimeout(loadTimer);
        const error: PipelineErrorData = { code: 'worker-crashed', message: event.message || 'the recognition worker crashed' };
        if (this.state.kind !== 'ready') reject(error);
        this.crash(error);
      };
      const init: WorkerInitOptions = {
        config: { ...this.options.config },
        modelBaseUrl: this.options.modelBaseUrl,
        wasmPaths: this.options.wasmPaths,
        mediapipeWasmBase: this.options.mediapipeWasmBase ?? '/mediapipe/',
        backend: this.options.backend ?? 'auto',
        maxThreads: this.options.maxThreads ?? 2,
      };
      worker.postMessage({ type: 'init', options: init } satisfies ToWorker);
    });
    return this.ready;
  }

  /** True while a frame is being analysed: callers may skip grabbing a new frame. */
  get busy(): boolean {
    return this.pending !== null;
  }

  /** Sends one frame (ownership is transferred). Dropped at once while busy or not ready. */
  analyse(frame: ImageBitmap, options: AnalyseOptions = { embed: 'largest' }): Promise<FrameOutcome> {
    if (this.pending || this.state.kind !== 'ready' || !this.worker) {
      frame.close();
      return Promise.resolve({ kind: 'dropped' });
    }
    const id = this.nextId++;
    return new Promise<FrameOutcome>((resolve) => {
      const timer = setTimeout(() => {
        this.pending = null;
        const error: PipelineErrorData = {
          code: 'worker-timeout',
          message: `a frame took over ${this.options.config.workerFrameTimeoutMs} ms`,
        };
        resolve({ kind: 'failed', error });
        this.crash(error);
      }, this.options.config.workerFrameTimeoutMs);
      this.pending = { id, resolve, timer };
      const message: ToWorker = { type: 'frame', id, frame, width: frame.width, height: frame.height, options };
      this.worker!.postMessage(message, [frame]);
    });
  }

  /** Terminates a crashed or hung worker and starts a new one after an exponential back-off. */
  private crash(error: PipelineErrorData): void {
    this.worker?.terminate();
    this.worker = null;
    if (this.pending) {
      clearTimeout(this.pending.timer);
      this.pending.resolve({ kind: 'failed', error });
      this.pending = null;
    }
    if (this.stopped) return;
    this.restarts += 1;
    this.setState({ kind: 'restarting', attempt: this.restarts });
    const delayMs = Math.min(30_000, 500 * 2 ** Math.min(this.restarts - 1, 6));
    setTimeout(() => {
      if (!this.stopped) this.start().catch(() => undefined);
    }, delayMs);
  }

  stop(): void {
    this.stopped = true;
    this.worker?.terminate();
    this.worker = null;
  }
}
