// Closes a refused upload's connection in stages (RFC 9112 section 9.6), so that the sender can read the refusal: the
// answer and a FIN go out first, then what the sender still has in flight is read and thrown away for a moment, and
// only then is the connection closed. Closed at once with unread bytes, the kernel sends a reset instead of a FIN,
// which can destroy the answer before the sender reads it: a tablet pushing too much then sees "connection reset" and
// tries the same again, instead of "413: send less".
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';

/** How long a refused sender gets to stop (it stops once it reads the answer; a sender that does not is cut off). */
export const LINGER_MS = 2_000;
/** How much more of the body is read and thrown away meanwhile (what can be in flight, with room to spare). */
export const LINGER_BYTES = 16 * 1024 * 1024;

/**
 * Makes Node's close after a `Connection: close` answer to this request a staged one. Node's HTTP server ends such a
 * connection with `socket.destroySoon()` once the answer is written; this socket's destroySoon half-closes instead,
 * discards the rest of the body as it arrives (never buffered), and destroys the socket when the sender closes its
 * side, after `lingerMs`, or after `lingerBytes` more, whichever is first.
 */
export function lingerBeforeClose(request: IncomingMessage, lingerMs = LINGER_MS, lingerBytes = LINGER_BYTES): void {
  const socket = request.socket;
  (socket as Socket & { destroySoon: () => void }).destroySoon = () => {
    if (socket.writable) socket.end();
    const cutOff = setTimeout(() => socket.destroy(), lingerMs);
    cutOff.unref();
    socket.once('close', () => clearTimeout(cutOff));
    socket.once('end', () => socket.destroy());
    // The refused body's reader (the web stream the app saw) is gone; what still arrives is counted and dropped.
    let discarded = 0;
    request.removeAllListeners('data');
    request.on('data', (chunk: Buffer) => {
      discarded += chunk.length;
      if (discarded > lingerBytes) socket.destroy();
    });
    request.resume();
  };
}
