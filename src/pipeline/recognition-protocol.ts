// Messages between the recognition worker and the one module that owns it (recognition-client.ts).
import type { KioskConfig } from '../config';
import type { AnalyseOptions, FrameAnalysis, PipelineInfo } from './face-pipeline';
import type { PipelineErrorData } from './pipeline-errors';

export interface WorkerInitOptions {
  config: KioskConfig;
  modelBaseUrl: string;
  wasmPaths: string;
  mediapipeWasmBase: string;
  backend: 'auto' | 'wasm';
  maxThreads: number;
}

export type ToWorker =
  | { type: 'init'; options: WorkerInitOptions }
  | { type: 'frame'; id: number; frame: ImageBitmap; width: number; height: number; options: AnalyseOptions };

export type FromWorker =
  | { type: 'ready'; info: PipelineInfo }
  | { type: 'init-error'; error: PipelineErrorData }
  | { type: 'result'; id: number; analysis: FrameAnalysis }
  | { type: 'frame-error'; id: number; error: PipelineErrorData };
