// Locates the evaluation photos in ../shared/faces (never copied into the project) and lists them
// as DIR/<identity>/*.jpg in numeric file order.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(import.meta.dirname, '..', '..');

export function defaultFacesDir(): string {
  return process.env.GK_FACES_DIR ?? resolve(repoRoot, '..', 'shared', 'faces');
}

export class MissingFacesError extends Error {}

/** The faces folder, or a clear error saying where it was looked for and what to do. */
export function requireFacesDir(dir = defaultFacesDir()): string {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new MissingFacesError(
      `The evaluation photos were not found at ${dir}. Tests and benchmarks read them from ../shared/faces beside the ` +
        'repository (or the folder in GK_FACES_DIR); they are never copied into the project. Put the shared folder next to the checkout.',
    );
  }
  return dir;
}

const numericOrder = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });

export interface Identity {
  name: string;
  files: string[];
}

/** DIR/<identity>/*.jpg|jpeg|png, identities sorted by name, files in numeric order. */
export function listIdentities(dir: string): Identity[] {
  return readdirSync(dir)
    .filter((name) => statSync(join(dir, name)).isDirectory())
    .sort()
    .map((name) => ({
      name,
      files: readdirSync(join(dir, name))
        .filter((f) => /\.(jpe?g|png)$/i.test(f))
        .sort(numericOrder)
        .map((f) => join(dir, name, f)),
    }))
    .filter((id) => id.files.length > 0);
}

export function listImages(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => /\.(jpe?g|png)$/i.test(f))
    .sort(numericOrder)
    .map((f) => join(dir, f));
}
