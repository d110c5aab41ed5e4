// End-to-end: the atlas viewer against the real data — dates, slider, map click, export, languages, URL.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, mapIdle, openAtlas, setDate, shownUnits, test } from './fixtures.ts';
import { pngDiff } from './hostile-helpers.ts';

/** Where screenshots and exported images are kept for a look (not compared). */
const SHOTS = process.env.SHOTS_DIR ?? '.tmp/shots';

const list = (page: Page) => page.getByTestId('unit-list');
const rows = (page: Page, filter = '') => list(page).locator(shownUnits(filter));
const firstLevel = (page: Page) => rows(page, '[data-first-level="true"]');

test('loads and draws the map with the header and unit list', async ({ page }) => {
  await openAtlas(page);
  // The "drawing the map" status is gone once the map is drawn.
  await expect(page.getByTestId('map-drawing')).toHaveCount(0);
  await expect(page.getByTestId('current-date')).not.toBeEmpty();
  await expect(page.getByTestId('state-name')).not.toHaveText('—');
  await expect(page.getByTestId('capital')).not.toHaveText('—');
  expect(await rows(page).count()).toBeGreaterThan(0);
  await expect(page.locator('.maplibregl-ctrl-attrib')).toContainText('Natural Earth', {
    useInnerText: false,
  });
});

test('1926-06-01: Kazak ASSR, capital Kzyl-Orda, 9 first-level units', async ({ page }) => {
  await openAtlas(page);
  await setDate(page, '1926-06-01');
  await expect(page.getByTestId('state-name')).toContainText('Kazak ASSR');
  await expect(page.getByTestId('capital')).toHaveText(/Kzyl-Orda/);
  await expect(firstLevel(page)).toHaveCount(9);
  await expect(rows(page, '[data-unit-id="syr_darya_guberniya"]')).toHaveAttribute(
    'data-first-level',
    'true',
  );
});

test('1933-01-01: six oblasts, capital Alma-Ata', async ({ page }) => {
  await openAtlas(page, '#date=1933-01-01');
  await expect(page.getByTestId('capital')).toHaveText(/Alma-Ata/);
  await expect(rows(page, '[data-first-level="true"][data-unit-kind="oblast"]')).toHaveCount(6);
});

test('1922-06-01: Kirghiz ASSR, capital Orenburg', async ({ page }) => {
  await openAtlas(page, '#date=1922-06-01');
  await expect(page.getByTestId('state-name')).toContainText('Kirghiz ASSR');
  await expect(page.getByTestId('capital')).toHaveText(/Orenburg/);
});

test('1931-06-01: only the republic outline, said clearly', async ({ page }) => {
  await openAtlas(page, '#date=1931-06-01');
  await expect(firstLevel(page)).toHaveCount(0);
  await expect(page.getByTestId('no-units')).toBeVisible();
});

test('keyboard on the slider changes the date and the units', async ({ page }) => {
  await openAtlas(page, '#date=1926-06-01');
  const slider = page.getByTestId('date-slider');
  const before = await rows(page).evaluateAll((els) =>
    els.map((e) => e.getAttribute('data-unit-id')),
  );
  await slider.focus();
  await page.keyboard.press('End');
  await expect(slider).toHaveAttribute('aria-valuetext', /1936/);
  await expect(page.getByTestId('current-date')).toContainText('1936');
  await mapIdle(page);
  const after = await rows(page).evaluateAll((els) =>
    els.map((e) => e.getAttribute('data-unit-id')),
  );
  expect(after).not.toEqual(before);
  await page.keyboard.press('Home');
  await expect(slider).toHaveAttribute('aria-valuetext', /1917/);
  await page.keyboard.press('PageDown');
  const next = await page.evaluate(
    () => (window as unknown as { atlas: { getState(): { date: string } } }).atlas.getState().date,
  );
  expect(next > '1917-12-26').toBe(true);
  await page.keyboard.press('ArrowRight');
  const plusOne = await page.evaluate(
    () => (window as unknown as { atlas: { getState(): { date: string } } }).atlas.getState().date,
  );
  expect(new Date(plusOne).getTime() - new Date(next).getTime()).toBe(86_400_000);
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Control+ArrowRight');
  const later = await page.evaluate(
    () => (window as unknown as { atlas: { getState(): { date: string } } }).atlas.getState().date,
  );
  expect(later.slice(0, 4)).toBe(String(Number(plusOne.slice(0, 4)) + 1));
});

test('dragging the slider moves through time', async ({ page }) => {
  await openAtlas(page, '#date=1917-12-26');
  const box = await page.getByTestId('date-slider').boundingBox();
  if (!box) throw new Error('no slider');
  const y = box.y + box.height / 2 - 6;
  await page.mouse.move(box.x + 8, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.3, y, { steps: 5 });
  await page.mouse.move(box.x + box.width * 0.6, y, { steps: 5 });
  await page.mouse.up();
  await expect(page.getByTestId('current-date')).toContainText(/192[89]|1930/);
  await mapIdle(page);
  await expect(firstLevel(page).first()).toBeVisible();
});

test('after each date change the drawn frame already carries that date’s labels', async ({
  page,
}) => {
  await openAtlas(page, '#date=1926-06-01');
  for (const iso of ['1929-12-01', '1933-06-01', '1921-03-01', '1926-06-01']) {
    // Read the labels the moment the map reports the date drawn (one frame, no follow-up).
    const r = await page.evaluate(async (d) => {
      type Api = {
        atlas: {
          setDate(s: string): boolean;
          getState(): { firstLevel: string[] };
          labels(): { key: string }[];
        };
      };
      const { atlas } = window as unknown as Api;
      const drawn = new Promise<void>((resolve) => {
        const o = new MutationObserver(() => {
          if (document.body.dataset.mapIdle !== 'true') return;
          o.disconnect();
          resolve();
        });
        o.observe(document.body, { attributes: true, attributeFilter: ['data-map-idle'] });
      });
      atlas.setDate(d);
      await drawn;
      const labelled = atlas
        .labels()
        .filter((l) => l.key.startsWith('unit:'))
        .map((l) => l.key.slice('unit:'.length));
      return { labelled: [...new Set(labelled)], firstLevel: atlas.getState().firstLevel };
    }, iso);
    expect(r.firstLevel.length, iso).toBeGreaterThan(3);
    // Only this date's units, and most of them (a few may give way to a capital's label).
    for (const id of r.labelled) expect(r.firstLevel, `${iso}: ${id}`).toContain(id);
    expect(r.labelled.length, iso).toBeGreaterThanOrEqual(Math.ceil(r.firstLevel.length * 0.6));
  }
});

test('a date reached from other dates is drawn as when opened fresh, and reloads no tiles', async ({
  page,
}) => {
  test.setTimeout(90_000);
  type Api = {
    atlas: {
      map: {
        getLayer(id: string): unknown;
        on(type: string, f: (e: { tile?: unknown }) => void): void;
      };
    };
  };
  await openAtlas(page, '#date=1926-06-01');
  // The per-stretch copies of the date-filtered layers come in after the first drawn map.
  await expect
    .poll(() => page.evaluate(() => !(window as unknown as Api).atlas.map.getLayer('border-high')))
    .toBe(true);
  await page.evaluate(() => {
    const w = window as unknown as Api & { tilesLoaded: number };
    w.tilesLoaded = 0;
    w.atlas.map.on('data', (e) => {
      if (e.tile) w.tilesLoaded++;
    });
  });
  for (const iso of ['1933-01-01', '1919-06-01', '1929-12-01']) await setDate(page, iso);
  // The caption of the change just crossed is closed, and its tint fades within FLASH_MS (2.6 s).
  await page.getByTestId('change-caption').getByRole('button').click();
  await page.mouse.move(0, 0);
  await page.waitForTimeout(3500);
  await mapIdle(page);
  const reached = await page.getByTestId('map').screenshot();
  expect(
    await page.evaluate(() => (window as unknown as { tilesLoaded: number }).tilesLoaded),
  ).toBe(0);
  // Labels: those of a stretch laid out ahead in idle time are the ones laid out in its frame.
  const labels = (p: Page) =>
    p.evaluate(() => (window as unknown as { atlas: { labels(): unknown[] } }).atlas.labels());
  const reachedLabels = await labels(page);
  // The same date opened fresh: drawn by the date-filtered layers of the style it starts with.
  const fresh = await page.context().newPage();
  await openAtlas(fresh, '#date=1929-12-01');
  expect(
    await fresh.evaluate(() => !!(window as unknown as Api).atlas.map.getLayer('border-high')),
  ).toBe(true);
  const opened = await fresh.getByTestId('map').screenshot();
  expect(reachedLabels.length).toBeGreaterThan(10);
  expect(reachedLabels).toEqual(await labels(fresh));
  await fresh.close();
  // The same picture: at most a rounding step on a few pixels (different tiles, same lines).
  const diff = await pngDiff(page, reached, opened);
  expect(diff.most, JSON.stringify(diff)).toBeLessThanOrEqual(2);
  expect(diff.differing / diff.pixels, JSON.stringify(diff)).toBeLessThan(0.005);
});

test('the header follows the map: it names the date the map draws, and ends on the last date', async ({
  page,
}) => {
  await openAtlas(page, '#date=1926-06-01');
  const seen = await page.evaluate(async () => {
    const a = (
      window as unknown as {
        atlas: { setDate(iso: string): boolean; map: import('maplibre-gl').Map };
      }
    ).atlas;
    const el = document.querySelector('[data-testid="current-date"]');
    const header = () => el?.textContent ?? '';
    const mapYear = () =>
      new Date(Number(a.map.getGlobalState()['day']) * 86400000).getUTCFullYear();
    // Each time the header changes: what it says, and the year the map shows then.
    const changes: { header: string; map: number }[] = [];
    new MutationObserver(() => changes.push({ header: header(), map: mapYear() })).observe(el!, {
      subtree: true,
      childList: true,
      characterData: true,
    });
    a.setDate('1929-06-01'); // taken at once: the map starts drawing it
    await Promise.resolve();
    const first = header();
    a.setDate('1933-06-01'); // waits behind it
    await Promise.resolve();
    const during = header();
    await new Promise<void>((resolve) => {
      const done = () => document.body.dataset.mapIdle === 'true' && header().includes('1933');
      const tick = () => (done() ? resolve() : requestAnimationFrame(tick));
      tick();
    });
    return { first, during, changes };
  });
  // Until the map has drawn a date, the header names the one it shows.
  expect(seen.first).toContain('1926');
  expect(seen.during).toContain('1926');
  // Then it names each date the map draws, as it draws it: 1929, then the last one set.
  expect(seen.changes.length).toBeGreaterThan(0);
  for (const c of seen.changes) expect(c.header).toContain(String(c.map));
  expect(seen.changes.map((c) => c.map)).toContain(1929);
  expect(seen.changes.at(-1)?.map).toBe(1933);
  await mapIdle(page);
  await expect(page.getByTestId('current-date')).toContainText('1933');
  await expect(page.getByTestId('date-input')).toHaveValue('1933-06-01');
});

test('clicking a region on the map opens its details', async ({ page }) => {
  await openAtlas(page, '#date=1926-06-01');
  // With the per-stretch copies in (no overlay is drawn on this date).
  await expect
    .poll(() =>
      page.evaluate(
        () =>
          !(window as unknown as { atlas: { map: import('maplibre-gl').Map } }).atlas.map.getLayer(
            'overlay-fill',
          ),
      ),
    )
    .toBe(true);
  const point = await page.evaluate(() => {
    const { atlas } = window as unknown as {
      atlas: { map: import('maplibre-gl').Map; labels(): { key: string; x: number; y: number }[] };
    };
    const canvas = atlas.map.getCanvas().getBoundingClientRect();
    // Where the map writes the unit's name: its label point lies inside the unit.
    const label = atlas.labels().find((l) => l.key === 'unit:syr_darya_guberniya');
    if (!label) return null;
    return { x: canvas.left + label.x, y: canvas.top + label.y };
  });
  expect(point).not.toBeNull();
  // Pointing at it names it.
  await page.mouse.move(point!.x, point!.y);
  await expect(page.locator('.atlas-tip')).toContainText('Syr-Darya');
  await page.mouse.click(point!.x, point!.y);
  await expect(page.getByTestId('details')).toHaveAttribute('data-unit-id', 'syr_darya_guberniya');
  await expect(page.getByTestId('details')).toContainText('Syr');
  await expect(page).toHaveURL(/unit=syr_darya_guberniya/);
});

test('an overlay is found under the pointer once its per-stretch copy draws it', async ({
  page,
}) => {
  type Api = {
    atlas: {
      map: import('maplibre-gl').Map;
      labels(): { key: string; x: number; y: number }[];
    };
  };
  await openAtlas(page, '#date=1919-06-01');
  await expect
    .poll(() => page.evaluate(() => !(window as unknown as Api).atlas.map.getLayer('overlay-fill')))
    .toBe(true);
  const point = await page.evaluate(() => {
    const { atlas } = window as unknown as Api;
    const canvas = atlas.map.getCanvas().getBoundingClientRect();
    const label = atlas.labels().find((l) => l.key === 'unit:alash_western_branch');
    return label ? { x: canvas.left + label.x, y: canvas.top + label.y } : null;
  });
  expect(point).not.toBeNull();
  await page.mouse.click(point!.x, point!.y);
  await expect(page.getByTestId('details')).toHaveAttribute('data-unit-id', 'alash_western_branch');
});

/** Exports a PNG through the export panel; returns its name and bytes and the map's CSS size. */
async function exportPngThroughUi(page: Page, scale: 1 | 2 | 4, beside = false) {
  const size = await page.evaluate(() => {
    const c = (
      window as unknown as { atlas: { map: import('maplibre-gl').Map } }
    ).atlas.map.getContainer();
    return { w: c.clientWidth, h: c.clientHeight };
  });
  await page.locator(`[data-scale="${scale}"]`).click();
  const where = page.locator(`[data-legend-beside="${beside}"]`);
  await where.click();
  await expect(where).toHaveAttribute('aria-checked', 'true');
  const [dl] = await Promise.all([
    page.waitForEvent('download', { timeout: 150_000 }),
    page.getByTestId('export-png').click(),
  ]);
  return { name: dl.suggestedFilename(), bytes: await readFile(await dl.path()), size };
}

/**
 * A PNG decoded in the page: its size, the colours sampled left of `mapW` (the map), and the dark
 * (text) pixels right of it (a legend beside the map) or below `mapH` (a legend under the map).
 */
function pngInfo(page: Page, bytes: Buffer, mapW: number, mapH = 1e9) {
  return page.evaluate(
    async ([b64, mapW, mapH]) => {
      const bin = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const bmp = await createImageBitmap(new Blob([bin], { type: 'image/png' }));
      const c = new OffscreenCanvas(bmp.width, bmp.height);
      const ctx = c.getContext('2d', { willReadFrequently: true })!;
      ctx.drawImage(bmp, 0, 0);
      const map = ctx.getImageData(0, 0, Math.min(mapW, bmp.width), bmp.height).data;
      const colours = new Set<number>();
      for (let i = 0; i < map.length; i += 4 * 499)
        colours.add((map[i]! << 16) | (map[i + 1]! << 8) | map[i + 2]!);
      let ink = 0;
      const dark = (d: Uint8ClampedArray) => {
        for (let i = 0; i < d.length; i += 4) if (d[i]! + d[i + 1]! + d[i + 2]! < 200) ink++;
      };
      if (bmp.width > mapW) dark(ctx.getImageData(mapW, 0, bmp.width - mapW, bmp.height).data);
      if (bmp.height > mapH)
        dark(ctx.getImageData(0, mapH, Math.min(mapW, bmp.width), bmp.height - mapH).data);
      return { w: bmp.width, h: bmp.height, colours: colours.size, ink };
    },
    [bytes.toString('base64'), mapW, mapH] as const,
  );
}

test('exports a 2× PNG of the view that is not blank', async ({ page }) => {
  // Software WebGL on a busy machine can take a while to draw 4× the pixels.
  test.setTimeout(180_000);
  await openAtlas(page, '#date=1926-06-01');
  const { name, bytes, size } = await exportPngThroughUi(page, 2);
  expect(name).toMatch(/1926-06-01-2x\.png$/);
  const info = await pngInfo(page, bytes, size.w * 2);
  expect(info.w).toBe(size.w * 2);
  expect(info.h).toBe(size.h * 2);
  expect(info.colours).toBeGreaterThan(50);
});

test('exports a PNG with the legend beside the map: wider, the map whole, the legend readable', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await openAtlas(page, '#date=1929-04-10&lang=kk');
  const { bytes, size } = await exportPngThroughUi(page, 1, true);
  await mkdir(SHOTS, { recursive: true });
  await writeFile(`${SHOTS}/png-legend-beside.png`, bytes);
  const info = await pngInfo(page, bytes, size.w);
  expect(info.w).toBeGreaterThan(size.w + 200);
  expect(info.h).toBeGreaterThanOrEqual(size.h);
  expect(info.ink).toBeGreaterThan(1000);
  expect(info.colours).toBeGreaterThan(50);
});

test('a phone export keeps its short map clear: legend and credits go under it', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 390, height: 844 });
  await openAtlas(page, '#date=1933-03-01&lang=ru');
  // The panel's sheet open: the map is only a few hundred pixels tall.
  await page.locator('.handle').click();
  await mapIdle(page);
  const { bytes, size } = await exportPngThroughUi(page, 2);
  await mkdir(SHOTS, { recursive: true });
  await writeFile(`${SHOTS}/png-phone.png`, bytes);
  const info = await pngInfo(page, bytes, size.w * 2, size.h * 2);
  expect(info.w).toBe(size.w * 2);
  // Taller than the map by the legend and credits, which are printed there.
  expect(info.h).toBeGreaterThan(size.h * 2 + 200);
  expect(info.ink).toBeGreaterThan(1000);
  expect(info.colours).toBeGreaterThan(50);
});

test('GeoJSON export holds the units drawn on the date', async ({ page }) => {
  await openAtlas(page, '#date=1926-06-01');
  const [dl] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-geojson').click(),
  ]);
  const fc = JSON.parse(await readFile(await dl.path(), 'utf8')) as {
    features: { properties: { id: string; first_level: boolean; name_kk: string } }[];
  };
  const ids = new Set(
    fc.features.filter((f) => f.properties.first_level).map((f) => f.properties.id),
  );
  expect(ids.size).toBe(9);
  expect(ids.has('syr_darya_guberniya')).toBe(true);
});

test('switching to Kazakh shows Kazakh names and keeps it in the URL', async ({ page }) => {
  await openAtlas(page, '#date=1933-01-01');
  await page.locator('[data-lang="kk"]').click();
  await expect(list(page)).toContainText(/[әғқңөұүһі]/, { useInnerText: true });
  await expect(page.getByTestId('state-name')).toContainText(/[әғқңөұүһіҚ]/);
  await expect(page).toHaveURL(/lang=kk/);
  await mapIdle(page);
});

test('a permalink restores date, unit, language and view', async ({ page }) => {
  await openAtlas(page, '#date=1929-12-01&unit=adai_okrug&lang=ru&map=5/45/55');
  await expect(page.getByTestId('details')).toHaveAttribute('data-unit-id', 'adai_okrug');
  await expect(page.getByTestId('current-date')).toHaveText('1 декабря 1929 г.');
  const st = await page.evaluate(() =>
    (
      window as unknown as {
        atlas: { getState(): { map: { zoom: number; lat: number; lon: number } } };
      }
    ).atlas.getState(),
  );
  expect(st.map.zoom).toBeCloseTo(5, 1);
  expect(st.map.lat).toBeCloseTo(45, 1);
  expect(st.map.lon).toBeCloseTo(55, 1);
});

test('back and forward move through earlier states', async ({ page }) => {
  await openAtlas(page, '#date=1926-06-01');
  await setDate(page, '1933-01-01');
  await page.waitForTimeout(900);
  await setDate(page, '1936-10-01');
  await page.waitForTimeout(900);
  await page.goBack();
  await expect(page.getByTestId('current-date')).toContainText('1933');
  await page.goBack();
  await expect(page.getByTestId('current-date')).toContainText('1926');
  await page.goForward();
  await expect(page.getByTestId('current-date')).toContainText('1933');
  await mapIdle(page);
});

test('a malformed URL shows a notice and a valid state, and runs nothing', async ({ page }) => {
  await openAtlas(
    page,
    '#date=1929-02-30&lang=xx&unit=%3Cscript%3Ewindow.__pwned%3D1%3C%2Fscript%3E&map=NaN/1/2&foo=%22%3E%3Cimg%20src%3Dx%20onerror%3Dwindow.__pwned%3D1%3E',
  );
  const notice = page.getByTestId('notice');
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('date=1929-02-30');
  await expect(notice).toContainText('foo');
  await expect(page.getByTestId('current-date')).not.toBeEmpty();
  expect(
    await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned),
  ).toBeUndefined();
  await notice.getByRole('button').click();
  await expect(notice).toBeHidden();
});

test('a date outside the range is clamped with a notice', async ({ page }) => {
  await openAtlas(page, '#date=1950-01-01');
  await expect(page.getByTestId('notice')).toBeVisible();
  await expect(page.getByTestId('date-slider')).toHaveAttribute('aria-valuetext', /1936/);
});

test('selecting from the unit list with Enter opens details; successors move the date', async ({
  page,
}) => {
  await openAtlas(page, '#date=1926-06-01');
  await list(page).locator('[data-unit-id="syr_darya_guberniya"] button').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('details')).toHaveAttribute('data-unit-id', 'syr_darya_guberniya');
  const succ = page.getByTestId('details').locator('[data-related]').last();
  const target = await succ.getAttribute('data-related');
  await succ.click();
  await expect(page.getByTestId('details')).toHaveAttribute('data-unit-id', target!);
  await expect(rows(page, `[data-unit-id="${target}"]`)).toHaveCount(1);
  await mapIdle(page);
});

test('related units carry their years: the two Karkaralinsk okrugs are told apart', async ({
  page,
}) => {
  await openAtlas(page, '#date=1933-03-01&lang=ru&unit=karaganda_oblast');
  const related = page.getByTestId('details').locator('[data-related="karkaralinsk_okrug_1934"]');
  await expect(related.first()).toContainText('Каркаралинский округ');
  await expect(related.first()).toContainText('1934–1936');
});

test('a missing data file gives an error screen naming it, and Retry recovers', async ({
  page,
  guard,
}) => {
  guard.allow(/404|Failed to load resource/);
  let broken = true;
  await page.route('**/data/chronology.json', (r) =>
    broken ? r.fulfill({ status: 404, body: 'nope' }) : r.fallback(),
  );
  await page.goto('/');
  await expect(page.getByTestId('error-screen')).toBeVisible();
  await expect(page.getByTestId('error-file')).toHaveText('chronology.json');
  broken = false;
  await page.getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByTestId('date-slider')).toBeVisible();
  await mapIdle(page);
});

test('without WebGL the date control, unit list and details still work', async ({ page }) => {
  await page.addInitScript(() => {
    const orig = HTMLCanvasElement.prototype.getContext;
    HTMLCanvasElement.prototype.getContext = function (
      this: HTMLCanvasElement,
      type: string,
      ...rest: unknown[]
    ) {
      if (type.startsWith('webgl')) return null;
      return (orig as (...a: unknown[]) => unknown).call(this, type, ...rest);
    } as typeof orig;
  });
  await page.goto('/#date=1926-06-01');
  await expect(page.getByTestId('no-webgl')).toBeVisible();
  await expect(firstLevel(page)).toHaveCount(9);
  await page.getByTestId('date-slider').focus();
  await page.keyboard.press('End');
  await expect(page.getByTestId('current-date')).toContainText('1936');
  await rows(page).locator('button').first().click();
  await expect(page.getByTestId('details')).toBeVisible();
});

test.describe('phone', () => {
  test.use({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });

  test('a tap on the slider moves the date; the sheet opens the unit list', async ({ page }) => {
    await openAtlas(page, '#date=1917-12-26');
    const box = await page.getByTestId('date-slider').boundingBox();
    if (!box) throw new Error('no slider');
    await page.touchscreen.tap(box.x + box.width * 0.85, box.y + box.height / 2 - 6);
    await expect(page.getByTestId('current-date')).toContainText(/193[3-6]/);
    await page.getByRole('button', { name: 'Show panel' }).tap();
    await expect(rows(page).first()).toBeVisible();
    await mapIdle(page);
  });
});

test('phone width: bottom sheet with a reachable slider', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await openAtlas(page, '#date=1926-06-01');
  const box = await page.getByTestId('date-slider').boundingBox();
  expect(box).not.toBeNull();
  expect(box!.y).toBeGreaterThan(740 / 2);
  expect(box!.x + box!.width).toBeLessThanOrEqual(360);
  await mapIdle(page);
});
