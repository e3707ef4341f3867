// Decodes a captured reader byte stream or a wedge/line string offline (npm run readers:decode -- --profile P --hex ...):
// one canonical UID per presentation on stdout, skipped frames summarised on stderr; exit 2 on bad arguments, 1 on I/O.
import { readFileSync } from 'node:fs';
import { hexToBytes } from '../src/core/readers/canonical-uid';
import type { LineDigits } from '../src/core/readers/line.driver';
import type { ReaderConfig } from '../src/core/readers/profiles';
import { READER_PROFILE_IDS, createDecoder, isReaderProfileId } from '../src/core/readers/profiles';
import type { ReaderAction } from '../src/core/readers/reader-action';

const USAGE = `usage: readers-decode --profile PROFILE (--hex HEX | --file FILE | --text TEXT) [--digits hex|dec-be|dec-le]
  --profile  ${READER_PROFILE_IDS.join(', ')}
  --hex      captured bytes as hex, spaces/colons/commas allowed ("00 00 FF 00 FF 00 ...")
  --file     a binary capture file (raw bytes as read from the port)
  --text     text as typed or printed by the reader; lines split on CR/LF, "\\n" and "\\r" are read as line breaks
  --digits   line profile only: how an all-digit id is read (default hex)
Prints one canonical UID per presentation on stdout; skipped frames are summarised on stderr.`;

class UsageError extends Error {}

interface Args {
  config: ReaderConfig;
  input: { kind: 'hex' | 'file' | 'text'; value: string };
}

function parseArgs(argv: string[]): Args {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--help' || a === '-h') throw new UsageError('');
    if (!['--profile', '--hex', '--file', '--text', '--digits'].includes(a)) throw new UsageError(`unknown argument: ${a}`);
    const v = argv[i + 1];
    if (v === undefined) throw new UsageError(`${a} needs a value`);
    if (values.has(a)) throw new UsageError(`${a} given twice`);
    values.set(a, v);
    i++;
  }
  const profile = values.get('--profile');
  if (profile === undefined) throw new UsageError('--profile is required');
  if (!isReaderProfileId(profile)) throw new UsageError(`unknown profile: ${profile}`);
  const inputs = (['hex', 'file', 'text'] as const).filter((k) => values.has(`--${k}`));
  if (inputs.length !== 1) throw new UsageError('give exactly one of --hex, --file, --text');
  const kind = inputs[0]!;
  const config: ReaderConfig = { profile };
  const digits = values.get('--digits');
  if (digits !== undefined) {
    if (profile !== 'line') throw new UsageError('--digits applies to the line profile only');
    if (digits !== 'hex' && digits !== 'dec-be' && digits !== 'dec-le') throw new UsageError(`bad --digits: ${digits}`);
    config.lineDigits = digits satisfies LineDigits;
  }
  return { config, input: { kind, value: values.get(`--${kind}`)! } };
}

function inputBytes(input: Args['input']): Uint8Array {
  switch (input.kind) {
    case 'hex': {
      const clean = input.value.replace(/(^|[\s:,-])0x/gi, '$1').replace(/[\s:,-]/g, '');
      const bytes = hexToBytes(clean);
      if (!bytes) throw new UsageError('--hex is not an even number of hex digits');
      return bytes;
    }
    case 'text': {
      const text = input.value.replace(/\\r/g, '\r').replace(/\\n/g, '\n');
      return Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff);
    }
    case 'file':
      return new Uint8Array(readFileSync(input.value));
  }
}

function main(argv: string[]): number {
  let args: Args;
  let bytes: Uint8Array;
  try {
    args = parseArgs(argv);
    bytes = inputBytes(args.input);
  } catch (e) {
    if (e instanceof UsageError) {
      if (e.message) process.stderr.write(`readers-decode: ${e.message}\n`);
      process.stderr.write(`${USAGE}\n`);
      return e.message ? 2 : 0;
    }
    process.stderr.write(`readers-decode: cannot read input: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
  const decoder = createDecoder(args.config);
  // A capture has no timing: all of it is one instant, so a reader's repeats are one presentation.
  const actions: ReaderAction[] = [...decoder.push(bytes, 0), ...decoder.end(0)];
  for (const a of actions) if (a.kind === 'tag') process.stdout.write(`${a.uid}\n`);
  const s = decoder.stats();
  const reasons = Object.entries(s.skippedReasons)
    .map(([r, n]) => `${r}=${n}`)
    .join(' ');
  process.stderr.write(
    `frames ok: ${s.framesOk}, skipped: ${s.framesSkipped}${reasons ? ` (${reasons})` : ''}, junk bytes: ${s.junkBytes}\n`,
  );
  return 0;
}

process.exitCode = main(process.argv.slice(2));
