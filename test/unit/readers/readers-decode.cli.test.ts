// The readers-decode CLI run as a user would (tsx in a child process): one UID per presentation on stdout,
// a skipped-frame summary on stderr, a usage message and a non-zero exit on bad arguments.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PN532, RDM, concat, hex } from './vectors';

const root = resolve(__dirname, '../../..');
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const script = join(root, 'scripts', 'readers-decode.ts');

function run(...args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((done) => {
    execFile(tsx, [script, ...args], { cwd: root, encoding: 'utf8', timeout: 30_000 }, (error, out, err) => {
      done({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, out, err });
    });
  });
}

const spaced = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(' ');
const tmp = mkdtempSync(join(tmpdir(), 'readers-decode-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe.concurrent('readers-decode CLI', { timeout: 60_000 }, () => {
  it('pn532: the captured ACK + reply gives the spec UID', async () => {
    const r = await run('--profile', 'pn532', '--hex', spaced(PN532.captured4).toUpperCase());
    expect(r.code).toBe(0);
    expect(r.out).toBe('mifare:901F2AA4\n');
    expect(r.err).toMatch(/frames ok: 2, skipped: 0/);
  });

  it('pn532: one line per presentation; a damaged frame and junk are skipped and summarised', async () => {
    const bad = PN532.reply7.slice();
    bad[bad.length - 2]! ^= 1;
    const stream = concat(hex('13 37'), PN532.captured4, PN532.reply4, PN532.noTag, PN532.noTag, bad, PN532.reply7, PN532.reply7);
    const r = await run('--profile', 'pn532', '--hex', Buffer.from(stream).toString('hex'));
    expect(r.code).toBe(0);
    expect(r.out).toBe('mifare:901F2AA4\nmifare:047BCB51962280\n');
    expect(r.err).toMatch(/skipped: 1 \(dcs=1\)/);
    expect(r.err).toMatch(/junk bytes: 2/);
  });

  it('rdm6300 from a binary capture file: repeats are one presentation, a bad checksum is skipped', async () => {
    const badSum = concat(hex('02'), Buffer.from('01000734E0D3'), hex('03'));
    const file = join(tmp, 'rdm.bin');
    writeFileSync(file, concat(RDM.frame1, RDM.frame1, badSum, RDM.frame1, RDM.frame2, RDM.frame2));
    const r = await run('--profile', 'rdm6300', '--file', file);
    expect(r.code).toBe(0);
    expect(r.out).toBe('em4100:01000734E0\nem4100:62E3086CED\n');
    expect(r.err).toMatch(/skipped: 1 \(bad-checksum=1\)/);
  });

  it('line: MFRC522 output', async () => {
    const r = await run('--profile', 'line', '--text', 'Card UID: 90 1F 2A A4\\r\\nCard SAK: 08\\r\\nCard UID: 04 7B CB 51 96 22 80\\r\\n');
    expect(r.code).toBe(0);
    expect(r.out).toBe('mifare:901F2AA4\nmifare:047BCB51962280\n');
    expect(r.err).toMatch(/skipped: 1 \(bad-length=1\)/);
  });

  it('every wedge profile reads its own form of the same two bracelets', async () => {
    const forms: [string, string][] = [
      ['wedge-hex', '901F2AA4\\n047BCB51962280'],
      ['wedge-hex-reversed', 'A42A1F90\\n80229651CB7B04'],
      ['wedge-dec-be', '2417961636\\n1262013084213888'],
      ['wedge-dec-le', '2754224016\\n36066826031692548'],
    ];
    const results = await Promise.all(forms.map(([profile, text]) => run('--profile', profile, '--text', text)));
    forms.forEach(([profile], i) => {
      expect(results[i]!.code, profile).toBe(0);
      expect(results[i]!.out, profile).toBe('mifare:901F2AA4\nmifare:047BCB51962280\n');
    });
  });

  it('line digits are configured, not guessed; Wiegand style is its own kind', async () => {
    expect((await run('--profile', 'line', '--digits', 'dec-le', '--text', '2754224016')).out).toBe('mifare:901F2AA4\n');
    expect((await run('--profile', 'wedge-hex', '--text', '042,08080')).out).toBe('wiegand26:2A1F90\n');
  });

  it('bad arguments: exit 2 with a usage message and nothing on stdout', async () => {
    const cases = [
      [],
      ['--profile', 'acr122u', '--hex', '00'],
      ['--profile', 'pn532'],
      ['--profile', 'pn532', '--hex', '00', '--text', 'x'],
      ['--profile', 'pn532', '--hex', '0G'],
      ['--profile', 'pn532', '--hex'],
    ];
    const results = await Promise.all(cases.map((args) => run(...args)));
    cases.forEach((args, i) => {
      const r = results[i]!;
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.out, args.join(' ')).toBe('');
      expect(r.err, args.join(' ')).toMatch(/usage: readers-decode --profile/);
    });
  });

  it('a missing capture file: exit 1 with the reason', async () => {
    const r = await run('--profile', 'pn532', '--file', join(tmp, 'nope.bin'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/cannot read input/);
  });
});
