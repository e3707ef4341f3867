// This machine's own names: where the demo runs, the only district reachable over plain HTTP, and the only place the
// kiosk keeps the demo's published staff PIN.

export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]';
}
