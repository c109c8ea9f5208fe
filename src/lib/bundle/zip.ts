// The zip every bundle is written as. platform UNIX so `unzip` restores each entry's mode (cfssljson
// writes keys 0600; scripts must stay executable); every entry gets the same date. JSZip is imported when
// the first zip is written, so the page (and the command line) does not load it before it is needed.

export interface BundleFile {
  path: string;
  content: string;
  /** Unix permission bits. */
  mode: number;
}

/** A file written as the bytes it was read as (a renewal zip carries DER and every other input unchanged). */
export interface BinaryBundleFile {
  path: string;
  content: Uint8Array;
  mode: number;
}

export const PUBLIC = 0o644;
export const SECRET = 0o600;
export const EXECUTABLE = 0o755;

export async function zipBundleFiles(files: readonly (BundleFile | BinaryBundleFile)[], now = new Date()): Promise<Uint8Array> {
  const { default: JSZip } = await import('jszip');
  const zip = new JSZip();
  for (const file of files) zip.file(file.path, file.content, { unixPermissions: file.mode, date: now });
  return zip.generateAsync({ type: 'uint8array', platform: 'UNIX', compression: 'DEFLATE' });
}
