// Malformed geodata stops the build with a message naming the file, unit and problem, and writes nothing.
import { describe, expect, it, beforeEach, afterEach } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { buildGeodata, sourceDir } from '../scripts/build-geodata.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const hasSources = fs.existsSync(sourceDir());

/** A scratch copy of geodata/ that a test may break. */
let dir = '';
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'geodata-'));
  fs.cpSync(path.join(ROOT, 'geodata'), dir, { recursive: true });
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const edit = (file: string, f: (s: string) => string): void => {
  const p = path.join(dir, file);
  const before = fs.readFileSync(p, 'utf8');
  const after = f(before);
  expect(after, `the fixture edit of ${file} changed nothing`).not.toBe(before);
  fs.writeFileSync(p, after);
};
const build = () => buildGeodata(sourceDir(), dir);

describe.skipIf(!hasSources)('malformed geodata is refused', { timeout: 120_000 }, () => {
  it('an unknown unit id in territory.yaml', async () => {
    edit('territory.yaml', (s) => s.replace('\nadai_uezd:', '\nadai_uezdx:'));
    await expect(build()).rejects.toThrow(
      /geodata\/territory\.yaml \[adai_uezdx\]: unknown unit id/,
    );
  });

  it('overlapping intervals of one unit', async () => {
    edit('territory.yaml', (s) =>
      s.replace(
        "kustanai_okrug:\n  - from: '1925-09-14'",
        "kustanai_okrug:\n  - from: '1925-09-14'\n    to: '1929-01-01'\n    blocks: ['region:KZ39']\n    confidence: low\n    basis: x\n  - from: '1925-09-14'",
      ),
    );
    await expect(build()).rejects.toThrow(
      /territory\.yaml \[kustanai_okrug\]: overlapping intervals around 1925-09-14/,
    );
  });

  it('a block given to two units on one day', async () => {
    edit('territory.yaml', (s) =>
      s.replace(
        "    blocks: ['region:KZ55']\n",
        "    blocks: ['region:KZ55', 'district:KZ351000']\n",
      ),
    );
    await expect(build()).rejects.toThrow(
      /territory\.yaml \[pavlodar_okrug\]: on 1928-01-17 the same ground .*district KZ351000.* is given to both akmolinsk_okrug and pavlodar_okrug/,
    );
  });

  it('a source that is not in the bibliography', async () => {
    edit('units.yaml', (s) =>
      s.replace('sources: [ehistory_alash_arman,', 'sources: [no_such_source,'),
    );
    await expect(build()).rejects.toThrow(
      /units\.yaml \[alash_claim_bukey\]: cites unknown source "no_such_source"/,
    );
  });

  it('a cut line that does not cross its block', async () => {
    edit('cuts/bostanliq.geojson', (s) =>
      s
        .replace('[69.45, 41.78]', '[60.1, 50.1]')
        .replace('[69.6, 41.5]', '[60.2, 50.2]')
        .replace('[69.8, 41.42]', '[60.3, 50.3]')
        .replace('[70.1, 41.36]', '[60.4, 50.4]')
        .replace('[70.45, 41.33]', '[60.5, 50.5]')
        .replace('[70.8, 41.2]', '[60.6, 50.6]'),
    );
    await expect(build()).rejects.toThrow(
      /cuts\/bostanliq\.geojson \[bostanliq\]: cut line bostanliq does not cross its block/,
    );
  });

  it('a block that names no real uezd', async () => {
    edit('territory.yaml', (s) => s.replace("'uezd:Orskii']", "'uezd:Orskiy']"));
    await expect(build()).rejects.toThrow(
      /\[orenburg_guberniya\]: 1921-05-28: no 1897 uezd named "Orskiy"/,
    );
  });

  it('a file that is not valid YAML', async () => {
    edit('events.yaml', (s) => `${s}\n  - : [\n`);
    await expect(build()).rejects.toThrow(/geodata\/events\.yaml: not valid YAML/);
  });

  it('the command line writes nothing when the build fails', () => {
    edit('territory.yaml', (s) => s.replace('\nadai_uezd:', '\nadai_uezdx:'));
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'geodata-out-'));
    fs.writeFileSync(path.join(out, 'units.topo.json'), 'previous');
    let message = '';
    try {
      execFileSync(
        process.execPath,
        ['--import', 'tsx', path.join(ROOT, 'scripts/build-geodata.ts')],
        {
          env: { ...process.env, GEODATA_DIR: dir, GEODATA_OUT: out },
          stdio: 'pipe',
        },
      );
    } catch (e) {
      message = String((e as { stderr: Buffer }).stderr);
    }
    expect(message).toMatch(
      /nothing written[\s\S]*territory\.yaml \[adai_uezdx\]: unknown unit id/,
    );
    expect(fs.readdirSync(out)).toEqual(['units.topo.json']);
    expect(fs.readFileSync(path.join(out, 'units.topo.json'), 'utf8')).toBe('previous');
    fs.rmSync(out, { recursive: true, force: true });
  });
});
