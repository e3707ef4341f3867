// Fetches the model files named in public/models/manifest.json and checks each one's sha256, so a
// truncated or replaced model is refused with a clear code instead of giving wrong faces.
import { PipelineError } from './pipeline-errors';

export interface ModelManifestEntry {
  id: string;
  file: string;
  package: string;
  version: string;
  pathInPackage: string;
  sha256: string;
  licence: string;
  input: string;
}

export interface ModelManifest {
  models: ModelManifestEntry[];
}

export type FetchLike = (url: string) => Promise<Response>;

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export async function fetchManifest(baseUrl: string, fetchFn: FetchLike = fetch): Promise<ModelManifest> {
  let res: Response;
  try {
    res = await fetchFn(`${baseUrl}manifest.json`);
  } catch (err) {
    throw new PipelineError('manifest-missing', 'the model manifest could not be fetched', String(err));
  }
  if (!res.ok) throw new PipelineError('manifest-missing', `the model manifest answered HTTP ${res.status}`);
  return (await res.json()) as ModelManifest;
}

/** Returns the verified bytes of one model, or throws model-missing / model-corrupt. */
export async function fetchModel(baseUrl: string, entry: ModelManifestEntry, fetchFn: FetchLike = fetch): Promise<Uint8Array> {
  let res: Response;
  try {
    res = await fetchFn(`${baseUrl}${entry.file}`);
  } catch (err) {
    throw new PipelineError('model-missing', `model file ${entry.file} could not be fetched`, String(err));
  }
  if (!res.ok) throw new PipelineError('model-missing', `model file ${entry.file} answered HTTP ${res.status}`);
  const bytes = new Uint8Array(await res.arrayBuffer());
  const hash = await sha256Hex(bytes);
  if (hash !== entry.sha256) {
    throw new PipelineError('model-corrupt', `model file ${entry.file} has sha256 ${hash}, expected ${entry.sha256}`);
  }
  return bytes;
}
