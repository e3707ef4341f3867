// Typed errors of the recognition pipeline. Each has a stable code that the UI turns into a
// translated message for staff; the message here is for logs and support exports.

export type PipelineErrorCode =
  'model-missing' | 'model-corrupt' | 'manifest-missing' | 'runtime-failed' | 'worker-crashed' | 'worker-timeout' | 'frame-invalid';

export class PipelineError extends Error {
  constructor(
    readonly code: PipelineErrorCode,
    message: string,
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'PipelineError';
  }
}

/** Structured-clone friendly form, for crossing the worker boundary. */
export interface PipelineErrorData {
  code: PipelineErrorCode;
  message: string;
  detail?: string;
}

export function toErrorData(err: unknown): PipelineErrorData {
  if (err instanceof PipelineError) return { code: err.code, message: err.message, ...(err.detail ? { detail: err.detail } : {}) };
  return { code: 'runtime-failed', message: err instanceof Error ? err.message : String(err) };
}
