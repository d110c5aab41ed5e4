// Builds public/data/basemap.topo.json on its own (the full geodata build calls buildBasemap too).
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { buildBasemap } from './basemap.ts';

/** The repository root, found from this file's location (not the working directory). */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Source directory: $GEODATA_SRC, else ../shared/geodata-src next to the repository. */
export function sourceDir(): string {
  const env = process.env.GEODATA_SRC;
  return env ? path.resolve(env) : path.resolve(repoRoot, '..', 'shared', 'geodata-src');
}

async function main(): Promise<void> {
  const out = path.join(repoRoot, 'public', 'data', 'basemap.topo.json');
  const topology = await buildBasemap(sourceDir(), path.join(repoRoot, 'geodata'));
  const json = JSON.stringify(topology);
  await mkdir(path.dirname(out), { recursive: true });
  const tmp = `${out}.tmp-${process.pid}`;
  try {
    await writeFile(tmp, json);
    await rename(tmp, out);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
  const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
  console.log(
    `${path.relative(repoRoot, out)}: ${kb(Buffer.byteLength(json))}, ${kb(gzipSync(json, { level: 9 }).length)} gzip`,
  );
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
