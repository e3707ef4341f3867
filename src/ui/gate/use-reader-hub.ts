// Starts the bracelet readers saved on this tablet when the gate screen opens (granted serial ports come back by
// themselves after a reload) and feeds their UIDs to the current gate controller; stops them when the screen goes.
// The hub outlives a re-boot of the gate services (district sync), so a reader's port is never closed and reopened
// just because a new roster arrived.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { GateServices } from '../../gate/boot';
import { ReaderHub, type ReaderStatus } from '../../gate/reader-hub';
import { replayHeldKeys } from '../../readers/key-replay';
import { getWebSerial } from '../../readers/serial.port';
import { webNfcConstructor } from '../../readers/web-nfc';
import { loadReaders } from '../../storage/readers.repo';

export function useReaderHub(services: GateServices): { hub: ReaderHub; statuses: ReaderStatus[] } {
  const controller = useRef(services.controller);
  controller.current = services.controller;
  const hub = useMemo(
    () =>
      new ReaderHub({
        serial: getWebSerial(),
        keyTarget: window,
        keyReplay: replayHeldKeys,
        ndefReader: webNfcConstructor(),
        onUid: (uid) => void controller.current.presentBracelet(uid),
      }),
    [],
  );
  const [statuses, setStatuses] = useState<ReaderStatus[]>([]);
  useEffect(() => {
    const off = hub.subscribe(setStatuses);
    let stopped = false;
    void loadReaders(services.db).then((readers) => (stopped ? undefined : hub.startAll(readers)));
    return () => {
      stopped = true;
      off();
      void hub.stopAll();
    };
  }, [hub]);
  return { hub, statuses };
}
