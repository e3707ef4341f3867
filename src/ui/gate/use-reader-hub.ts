// Starts the bracelet readers saved on this tablet when the gate screen opens (granted serial ports come back by
// themselves after a reload) and feeds their UIDs to the gate controller; stops them when the screen goes.
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { GateServices } from '../../gate/boot';
import { ReaderHub, type ReaderStatus } from '../../gate/reader-hub';
import { getWebSerial } from '../../readers/serial.port';
import { webNfcConstructor } from '../../readers/web-nfc';
import { loadReaders } from '../../storage/readers.repo';

export function useReaderHub(services: GateServices): { hub: ReaderHub; statuses: ReaderStatus[] } {
  const { controller, db } = services;
  const hub = useMemo(
    () =>
      new ReaderHub({
        serial: getWebSerial(),
        keyTarget: window,
        ndefReader: webNfcConstructor(),
        onUid: (uid) => void controller.presentBracelet(uid),
      }),
    [controller],
  );
  const [statuses, setStatuses] = useState<ReaderStatus[]>([]);
  useEffect(() => {
    const off = hub.subscribe(setStatuses);
    let stopped = false;
    void loadReaders(db).then((readers) => (stopped ? undefined : hub.startAll(readers)));
    return () => {
      stopped = true;
      off();
      void hub.stopAll();
    };
  }, [hub]);
  return { hub, statuses };
}
