// npm run bench:node: how long the Expiry screen takes to list a folder of 5,000 files that are not PKI (a
// source tree dropped by mistake), as loose files, as a .tar.gz and as a .zip: reading with the page's
// pauses (collectFiles) and the analysis that classifies every file and finds no certificate in them,
// as the screen does.
// Numbers go into the issue 15 report.
import { beforeAll, bench, describe } from 'vitest';
import { collectFiles, memorySource, type SourceEntry } from '../../src/lib/inventory';
import { analyzeInventory } from '../../src/lib/renewal';
import { gzip, tarArchive, zipArchive, type ArchiveEntry } from '../support/archives';

const COUNT = 5_000;
const encoder = new TextEncoder();

/** Source files, JSON, a few binary blobs: a few KiB each, like a checked-out repository. */
function unrelated(i: number): ArchiveEntry {
  const dir = `src/module-${Math.floor(i / 100)}`;
  if (i % 50 === 0) return { path: `${dir}/blob-${i}.bin`, content: Uint8Array.from({ length: 4096 }, (_, j) => (i * 31 + j * 7) & 0xff) };
  if (i % 3 === 0) return { path: `${dir}/data-${i}.json`, content: JSON.stringify({ id: i, name: `item ${i}`, tags: ['a', 'b', 'c'], text: 'lorem ipsum '.repeat(60) }) };
  return { path: `${dir}/file-${i}.ts`, content: `// file ${i}\nexport const value${i} = ${i};\n`.repeat(40) };
}

const entries = Array.from({ length: COUNT }, (_, i) => unrelated(i));
const bytesOf = (e: ArchiveEntry) => (typeof e.content === 'string' ? encoder.encode(e.content) : e.content!);
let loose: SourceEntry[];
let tgz: Uint8Array;
let zip: Uint8Array;

beforeAll(async () => {
  loose = entries.map((e) => memorySource(e.path, bytesOf(e)));
  tgz = gzip(tarArchive(entries));
  zip = await zipArchive(entries);
});

async function list(sources: SourceEntry[]): Promise<void> {
  const collected = await collectFiles(sources);
  if (collected.files.length !== COUNT) throw new Error(`read ${collected.files.length} of ${COUNT} files`);
  const analysis = await analyzeInventory(collected.files);
  if (analysis.files.length !== COUNT || analysis.rows.length !== 0) throw new Error('unexpected rows');
}

describe(`listing ${COUNT} unrelated files (read, classify, analyse)`, () => {
  bench('a folder (loose files)', async () => {
    await list(loose);
  }, { iterations: 5, time: 0 });
  bench('a .tar.gz', async () => {
    await list([memorySource('tree.tar.gz', tgz)]);
  }, { iterations: 5, time: 0 });
  bench('a .zip', async () => {
    await list([memorySource('tree.zip', zip)]);
  }, { iterations: 5, time: 0 });
});
