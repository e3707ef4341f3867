// Saves text the kiosk made (a diagnostics report, a roll call, the site PAD test's numbers) as a file through the
// browser's download, from memory: nothing goes over the network.
export function downloadFile(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
