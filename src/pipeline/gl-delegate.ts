// Whether this worker has a hardware WebGL2 GPU for MediaPipe's GPU delegate. A software rasteriser (SwiftShader,
// llvmpipe: what Chromium falls back to without a usable GPU) runs the delegate far slower than XNNPACK on the CPU.
import type { MediaPipeDelegate } from './models/mediapipe-face.model';

const SOFTWARE_RENDERERS = /swiftshader|llvmpipe|softpipe|software|basic render/i;

export interface GlProbe {
  delegate: MediaPipeDelegate;
  /** The unmasked renderer string where the browser gives it (diagnostics), else what WebGL reports. */
  renderer: string | null;
}

export function probeGlDelegate(): GlProbe {
  if (typeof OffscreenCanvas === 'undefined') return { delegate: 'CPU', renderer: null };
  const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
  if (gl === null) return { delegate: 'CPU', renderer: null };
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? '');
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return { delegate: SOFTWARE_RENDERERS.test(renderer) ? 'CPU' : 'GPU', renderer };
}
