// The audit log's hash chain and the synchronous SHA-256 it uses inside IndexedDB transactions.
import { describe, expect, it } from 'vitest';
import { chainAuditEntry, verifyAuditChain, type AuditEntry } from '../../../src/protocol/audit-chain';
import { sha256Hex } from '../../../src/protocol/event-chain';
import { sha256HexSync } from '../../../src/core/sha256-sync';

describe('sha256HexSync', () => {
  it('matches Web Crypto on empty, short, block-boundary and long UTF-8 inputs', async () => {
    for (const text of ['', 'abc', 'a'.repeat(55), 'a'.repeat(56), 'a'.repeat(64), 'Қазақ тілі — русский — English '.repeat(40)]) {
      expect(sha256HexSync(text)).toBe(await sha256Hex(text));
    }
    expect(sha256HexSync('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('audit chain', () => {
  const build = () => {
    const entries: AuditEntry[] = [];
    entries.push(chainAuditEntry(null, { kind: 'staff-sign-in' }, 1));
    entries.push(chainAuditEntry(entries[0]!, { kind: 'enrolment', childId: 'c1', details: { templateIds: ['t1', 't2'] } }, 2));
    entries.push(
      chainAuditEntry(entries[1]!, { kind: 'purge', childId: 'c1', details: { templateIds: ['t1', 't2'], keyDeleted: true } }, 3),
    );
    return entries;
  };
  it('verifies an untouched log', () => {
    expect(verifyAuditChain(build())).toEqual({ ok: true, count: 3 });
  });
  it('finds an edited, removed or reordered entry', () => {
    const edited = build();
    edited[1] = { ...edited[1]!, childId: 'c2' };
    expect(verifyAuditChain(edited)).toEqual({ ok: false, seq: 2, reason: 'hash' });
    const removed = build();
    removed.splice(1, 1);
    expect(verifyAuditChain(removed)).toEqual({ ok: false, seq: 3, reason: 'seq-gap' });
    const rehashed = build();
    // An attacker who recomputes the edited entry's own hash still breaks the link to the next one.
    const { hash: _h, ...body } = { ...rehashed[1]!, childId: 'c2' };
    rehashed[1] = chainAuditEntry(rehashed[0]!, { kind: body.kind, childId: body.childId, details: body.details! }, body.atMs);
    expect(verifyAuditChain(rehashed)).toEqual({ ok: false, seq: 3, reason: 'prev-hash' });
  });
});
