// The recognition worker: owns the models and runs the pipeline on frames sent by
// recognition-client.ts. A bad frame gets an error reply; it never kills the worker.
/// <reference lib="webworker" />
import { guardEgress } from './egress-guard';
import { FacePipeline } from './face-pipeline';
import { PipelineError, toErrorData } from './pipeline-errors';
import type { FromWorker, ToWorker } from './recognition-protocol';

declare const self: DedicatedWorkerGlobalScope;

// Before any model runtime loads: nothing in this worker may contact another origin.
guardEgress(self);

let pipeline: FacePipeline | null = null;

const post = (message: FromWorker, transfer: Transferable[] = []) => self.postMessage(message, transfer);

self.onmessage = async (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  if (message.type === 'init') {
    try {
      pipeline = await FacePipeline.create({ ...message.options });
      post({ type: 'ready', info: pipeline.info() });
    } catch (err) {
      post({ type: 'init-error', error: toErrorData(err) });
    }
    return;
  }
  const { id, frame, width, height, options } = message;
  try {
    if (!pipeline) throw new PipelineError('runtime-failed', 'the models are not loaded yet');
    const analysis = await pipeline.analyse(frame, width, height, options);
    const buffers = analysis.faces.flatMap((f) => (f.embedding ? [f.embedding.buffer as ArrayBuffer] : []));
    post({ type: 'result', id, analysis }, buffers);
  } catch (err) {
    post({ type: 'frame-error', id, error: toErrorData(err) });
  } finally {
    frame.close();
  }
};
