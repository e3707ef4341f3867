// Builds a device's chained attendance events (the same shape and hashes the kiosk records) for server tests.
import type { MarkEvent } from '../../../src/core/attendance-rules';
import { GENESIS_HASH, hashEvent } from '../../../src/protocol/event-chain';
import type { ChildId, DeviceId } from '../../../src/core/types';
import { createUuidV7 } from '../../../src/core/uuidv7';

const newId = createUuidV7();

export async function makeChain(
  deviceId: string,
  count: number,
  from: { seq: number; hash: string } = { seq: 0, hash: GENESIS_HASH },
  atMs = Date.UTC(2025, 2, 10, 3, 0),
) {
  const events: MarkEvent[] = [];
  let prev = from.hash;
  for (let i = 0; i < count; i++) {
    const seq = from.seq + i + 1;
    const event: MarkEvent = {
      type: 'mark',
      id: newId(atMs + seq),
      deviceId: deviceId as DeviceId,
      seq,
      prevHash: prev,
      childId: `child_${seq % 7}` as ChildId,
      dayKey: '2025-03-10',
      atMs: atMs + seq * 1000,
      direction: seq % 2 === 0 ? 'out' : 'in',
      method: 'bracelet',
      score: null,
    };
    events.push(event);
    prev = await hashEvent(event);
  }
  return { events, head: { seq: from.seq + count, hash: prev } };
}
