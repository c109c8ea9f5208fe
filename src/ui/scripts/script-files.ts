// Getting a script out of the page: a Blob download (no data: URL, works under the offline build's CSP)
// and the clipboard.
export function downloadScript(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/x-shellscript' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // Chromium starts the download asynchronously; revoking at once can cancel it.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export async function copyScript(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
