// Stress (@heavy): 2,000 date changes as fast as input allows end consistent everywhere; 50 exports stay correct without heap growth.
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, mapIdle, openAtlas, shownUnits, test } from './fixtures.ts';
import { decodePng, holdRoute, mapSize } from './hostile-helpers.ts';

const MS_DAY = 86_400_000;
const START = Date.UTC(1917, 11, 26);
const END = Date.UTC(1936, 11, 5);

type Api = {
  atlas: {
    map: import('maplibre-gl').Map;
    setDate(iso: string): boolean;
    getState(): { date: string; units: string[] };
  };
};

/** Everything that shows the date: state, map global state, header, slider, unit list, URL. */
async function shown(page: Page) {
  return page.evaluate((rows) => {
    const a = (window as unknown as Api).atlas;
    const q = (s: string) => document.querySelector(s);
    return {
      date: a.getState().date,
      units: a.getState().units,
      mapDay: a.map.getGlobalState()['day'] as number,
      header: q('[data-testid="current-date"]')?.textContent?.trim() ?? '',
      slider: q('[data-testid="date-slider"]')?.getAttribute('aria-valuetext') ?? '',
      list: [...document.querySelectorAll(`[data-testid="unit-list"] ${rows}`)].map(
        (e) => e.getAttribute('data-unit-id') ?? '',
      ),
      hash: location.hash,
    };
  }, shownUnits());
}

test('@heavy 2,000 rapid date changes end with map, header, unit list and URL on the last date', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await openAtlas(page, '#date=1926-06-01');
  // 500 key presses on the slider, as fast as the keyboard allows.
  const keys = [
    'ArrowRight',
    'ArrowLeft',
    'Shift+ArrowRight',
    'Shift+ArrowLeft',
    'PageDown',
    'PageUp',
    'Control+ArrowRight',
    'Control+ArrowLeft',
  ];
  await page.getByTestId('date-slider').focus();
  let seed = 7;
  const rnd = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  for (let i = 0; i < 500; i++)
    await page.keyboard.press(keys[Math.floor(rnd() * keys.length)] ?? 'ArrowRight');
  const afterKeys = await shown(page);
  expect(afterKeys.header.length).toBeGreaterThan(0);
  // 1,500 random dates through the scripting API in one burst (each one flushed to the DOM).
  const dates = Array.from({ length: 1_500 }, () =>
    new Date(START + Math.floor(rnd() * ((END - START) / MS_DAY + 1)) * MS_DAY)
      .toISOString()
      .slice(0, 10),
  );
  const last = dates[dates.length - 1] ?? '';
  await page.evaluate((ds) => {
    const a = (window as unknown as Api).atlas;
    for (const d of ds) a.setDate(d);
  }, dates);
  // After 1,500 changes a busy software-WebGL machine needs more than mapIdle's 30 s.
  await page.waitForFunction(() => document.body.dataset.mapIdle === 'true', null, {
    timeout: 120_000,
  });
  await expect(page).toHaveURL(new RegExp(`date=${last}`));
  const s = await shown(page);
  expect(s.date).toBe(last);
  expect(s.mapDay).toBe(Date.parse(`${last}T00:00:00Z`) / MS_DAY);
  expect(s.header).toContain(String(Number(last.slice(8, 10))));
  expect(s.header).toContain(last.slice(0, 4));
  expect(s.slider).toBe(s.header);
  expect(s.list).toEqual(s.units);
  // The unit list belongs to that date: leaving and coming back gives the same list (once the
  // map has drawn it: during such a sweep the page's text follows the map).
  await page.evaluate((d) => {
    const a = (window as unknown as Api).atlas;
    a.setDate(d === '1931-06-01' ? '1926-06-01' : '1931-06-01');
    a.setDate(d);
  }, last);
  await mapIdle(page);
  expect((await shown(page)).list).toEqual(s.list);
});

/** Width and height from a PNG's IHDR, after checking the signature and the closing IEND chunk. */
function pngHeader(b: Buffer): { w: number; h: number } {
  expect(b.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  expect(b.subarray(12, 16).toString('latin1')).toBe('IHDR');
  expect(b.subarray(b.length - 8, b.length - 4).toString('latin1')).toBe('IEND');
  return { w: b.readUInt32BE(16), h: b.readUInt32BE(20) };
}

test.describe('@heavy exports', () => {
  test.use({ viewport: { width: 900, height: 600 } });

  test('50 consecutive PNG exports, each correct, heap growth ≤ 20 MB', async ({ page }) => {
    test.setTimeout(480_000);
    await openAtlas(page, '#date=1926-06-01');
    const size = await mapSize(page);
    await page.locator('[data-scale="1"]').click();
    const cdp = await page.context().newCDPSession(page);
    const heap = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      await cdp.send('HeapProfiler.collectGarbage');
      return (await cdp.send('Runtime.getHeapUsage')).usedSize;
    };
    const exportOnce = async (i: number) => {
      const [dl] = await Promise.all([
        page.waitForEvent('download', { timeout: 120_000 }),
        page.getByTestId('export-png').click(),
      ]);
      const bytes = await readFile(await dl.path());
      expect(pngHeader(bytes), `export ${i}`).toEqual({ w: size.w, h: size.h });
      // Every tenth is decoded in full by the browser and checked for a drawn map.
      if (i % 10 === 0) expect((await decodePng(page, dl)).colours).toBeGreaterThan(20);
      await dl.delete();
      await expect(page.getByTestId('export-status')).toHaveAttribute('data-busy', 'false');
    };
    for (let i = 0; i < 3; i++) await exportOnce(i);
    const base = await heap();
    for (let i = 3; i < 50; i++) await exportOnce(i);
    const grown = (await heap()) - base;
    test
      .info()
      .annotations.push({ type: 'heap growth', description: `${(grown / 1e6).toFixed(1)} MB` });
    expect(grown).toBeLessThan(20 * 1024 * 1024);
  });
});

test('export pressed while the map is still starting waits, then succeeds', async ({ page }) => {
  test.setTimeout(180_000);
  // Hold back MapLibre's worker: data and panels are ready, the map cannot draw yet.
  const release = await holdRoute(page, '**/assets/maplibre-gl-worker-*');
  await page.goto('/#date=1926-06-01');
  await expect(page.getByTestId('export-png')).toBeEnabled();
  expect(await page.evaluate(() => !!(window as unknown as Api).atlas.map)).toBe(false);
  await page.locator('[data-scale="1"]').click();
  const download = page.waitForEvent('download', { timeout: 150_000 });
  await page.getByTestId('export-png').click();
  await expect(page.getByTestId('export-status')).toHaveAttribute('data-busy', 'true');
  release();
  const dl = await download;
  expect(dl.suggestedFilename()).toMatch(/1926-06-01-1x\.png$/);
  const size = await mapSize(page);
  expect(pngHeader(await readFile(await dl.path()))).toEqual(size);
});
