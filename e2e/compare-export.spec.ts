// End-to-end: compare two dates, what changed when crossing 1929-04-10, span WebM and SVG export (desktop and phone).
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, mapIdle, openAtlas, setDate, shownUnits, test } from './fixtures.ts';

const SHOTS = '.tmp/shots-h8';

// The machine may be busy (maps render on SwiftShader): give these tests room.
test.describe.configure({ timeout: 150_000 });

interface AtlasWindow {
  atlas: {
    map: {
      getGlobalState(): Record<string, unknown>;
      queryRenderedFeatures(o: { layers: string[] }): {
        id?: string | number;
        properties: Record<string, unknown>;
        state: Record<string, unknown>;
      }[];
      getLayer(id: string): unknown;
    };
    getState(): Record<string, unknown>;
  };
}

const compareIdle = (page: Page) =>
  expect(page.getByTestId('compare-map')).toHaveAttribute('data-idle', 'true', { timeout: 30_000 });

test('a compare permalink restores both dates and the divider; divider works by keyboard', async ({
  page,
}) => {
  await openAtlas(page, '#date=1926-06-01&compare=1933-01-01');
  const divider = page.getByTestId('compare-divider');
  await expect(divider).toBeVisible();
  await expect(page.getByTestId('compare-caption-b')).toHaveAttribute('data-day', '1933-01-01');
  await expect(page.getByTestId('compare-caption-a')).toContainText('1926');
  await expect(page.getByTestId('current-date')).toContainText('1926');
  await compareIdle(page);
  const st = await page.evaluate(() => (window as unknown as AtlasWindow).atlas.getState());
  expect(st.view).toBe('compare');
  expect(st.compare).toBe('1933-01-01');
  expect(page.url()).toContain('compare=1933-01-01');
  // Differing ground outlined on both maps: the change days between the two dates.
  const gs = await page.evaluate(() =>
    (window as unknown as AtlasWindow).atlas.map.getGlobalState(),
  );
  expect(gs.cmpAfter).toBeLessThan(gs.cmpUpTo as number);
  const outlined = await page.evaluate(
    () =>
      (window as unknown as AtlasWindow).atlas.map.queryRenderedFeatures({
        layers: ['compare-diff'],
      }).length,
  );
  expect(outlined).toBeGreaterThan(0);
  await page.screenshot({ path: `${SHOTS}/compare-desktop.png` });
  // Keyboard: arrows move the divider.
  await divider.focus();
  const before = Number(await divider.getAttribute('aria-valuenow'));
  await page.keyboard.press('Shift+ArrowLeft');
  expect(Number(await divider.getAttribute('aria-valuenow'))).toBe(before - 10);
  // Mouse drag.
  const box = (await page.getByTestId('compare-map').boundingBox())!;
  const db = (await divider.boundingBox())!;
  await page.mouse.move(db.x + db.width / 2, db.y + db.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.75, db.y + db.height / 2, { steps: 4 });
  await page.mouse.up();
  expect(Number(await divider.getAttribute('aria-valuenow'))).toBeGreaterThan(70);
  // Changing the compare date updates the permalink; closing leaves compare mode.
  await page.getByTestId('compare-date-input').fill('1930-01-01');
  await expect(page.getByTestId('compare-caption-b')).toHaveAttribute('data-day', '1930-01-01');
  await expect.poll(() => page.url()).toContain('compare=1930-01-01');
  await page.getByTestId('compare-caption-b').getByRole('button', { name: /close/i }).focus();
  await page.keyboard.press('Enter');
  await expect(divider).toHaveCount(0);
  await expect.poll(() => page.url()).not.toContain('compare=');
});

test('phone: compared maps are stacked, each with its date', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await openAtlas(page, '#date=1926-06-01&compare=1933-01-01');
  await expect(page.getByTestId('compare-map')).toBeVisible();
  await expect(page.getByTestId('compare-divider')).toHaveCount(0);
  await compareIdle(page);
  const top = (await page.getByTestId('map').boundingBox())!;
  const bottom = (await page.getByTestId('compare-map').boundingBox())!;
  expect(bottom.y).toBeGreaterThanOrEqual(top.y + top.height - 2);
  await page.screenshot({ path: `${SHOTS}/compare-phone.png` });
});

test('a malformed compare date is ignored with a notice', async ({ page }) => {
  await openAtlas(page, '#date=1926-06-01&compare=1933-02-30');
  await expect(page.getByText('compare', { exact: false }).first()).toBeVisible();
  await expect(page.getByTestId('compare-divider')).toHaveCount(0);
});

for (const phone of [false, true]) {
  test(`crossing 1929-04-10 highlights the former Adai okrug${phone ? ' (phone)' : ''}`, async ({
    page,
  }) => {
    if (phone) await page.setViewportSize({ width: 360, height: 740 });
    await openAtlas(page, '#date=1929-04-01&map=4.2/46/56');
    await setDate(page, '1929-04-15');
    const caption = page.getByTestId('change-caption');
    await expect(caption).toContainText('Adai Okrug abolished');
    await expect(caption).toContainText(
      'Adai Okrug → Guryev Okrug (258,480 km²), Aktyubinsk Okrug (72,722 km²)',
    );
    await expect(caption).toContainText('10 Apr 1929');
    // Sources by a short citation once the citations have loaded (the full one on hover).
    await expect(caption).toContainText('Bazanova');
    await expect(caption.locator('[data-source="ruwiki_okrugs_bazanova"]')).toHaveAttribute(
      'title',
      /Справочник по административно-территориальному делению Казахстана/,
    );
    // The crossed ground is tinted strongly, then lightly (which step depends on how fast we got
    // here), then the tint goes: the colours of some of the map's faces change back.
    const tint = () =>
      page.evaluate(() => {
        const m = (window as unknown as AtlasWindow).atlas.map;
        const g = m.getGlobalState();
        return {
          flash: [g.flashDay, g.flashSoftDay],
          faces: m
            .queryRenderedFeatures({ layers: ['unit-fill'] })
            .map((f) => `${String(f.id)}=${String(f.state['c'])}`),
        };
      });
    const r = await tint();
    expect(r.flash).toContain(Date.UTC(1929, 3, 10) / 86_400_000);
    await page.screenshot({ path: `${SHOTS}/changed${phone ? '-phone' : ''}.png` });
    await expect
      .poll(async () => {
        const later = (await tint()).faces;
        return r.faces.filter((f) => !later.includes(f)).length;
      })
      .toBeGreaterThan(0);
    // Moving on without crossing a change keeps the caption of the last one.
    await setDate(page, '1929-04-20');
    await expect(caption).toContainText('Adai Okrug');
  });
}

test('with reduced motion the crossed ground is filled statically, without a fade', async ({
  page,
}) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await openAtlas(page, '#date=1929-04-01');
  await setDate(page, '1929-04-12');
  await expect(page.getByTestId('change-caption')).toContainText('Adai Okrug');
  const flash = () =>
    page.evaluate(() => {
      const g = (window as unknown as AtlasWindow).atlas.map.getGlobalState();
      return [g.flashDay, g.flashSoftDay];
    });
  const crossed = Date.UTC(1929, 3, 10) / 86_400_000;
  // The light fill only, and still there after the time the animated highlight takes to go.
  expect((await flash())[1]).toBe(crossed);
  await page.waitForTimeout(3000);
  expect((await flash())[1]).toBe(crossed);
  expect((await flash())[0]).not.toBe(crossed);
});

test('a 3-second WebM of a span is produced and plays', async ({ page }) => {
  await openAtlas(page, '#date=1929-01-01');
  await page.getByTestId('span-from').fill('1929-01-01');
  await page.getByTestId('span-to').fill('1930-01-01');
  await page.getByTestId('span-seconds').fill('3');
  await page.getByTestId('span-player').scrollIntoViewIfNeeded();
  const dl = page.waitForEvent('download', { timeout: 90_000 });
  await page.getByTestId('export-webm').click();
  await expect(page.getByTestId('span-status')).toHaveAttribute('data-busy', 'true');
  await page.screenshot({ path: `${SHOTS}/webm-recording.png` });
  const download = await dl;
  expect(download.suggestedFilename()).toMatch(/\.webm$/);
  const bytes = await readFile((await download.path())!);
  expect(bytes.length).toBeGreaterThan(1000);
  expect(bytes.subarray(0, 4).toString('hex')).toBe('1a45dfa3');
  expect(bytes.includes(Buffer.from('1f43b675', 'hex'))).toBe(true);
  // Played in a blank page: the atlas's CSP rightly allows no blob: media.
  const player = await page.context().newPage();
  const v = await player.evaluate(async (b64) => {
    const bin = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const video = document.createElement('video');
    video.muted = true;
    video.src = URL.createObjectURL(new Blob([bin], { type: 'video/webm' }));
    await new Promise<void>((res, rej) => {
      video.onloadeddata = () => res();
      video.onerror = () => rej(new Error(`video error ${video.error?.code}`));
    });
    const readyState = video.readyState;
    // MediaRecorder WebM has no duration in its header: seeking far finds it.
    video.currentTime = 1e6;
    await new Promise<void>((res) => (video.onseeked = () => res()));
    for (let i = 0; i < 50 && !(Number.isFinite(video.duration) && video.duration > 0); i++)
      await new Promise((r) => setTimeout(r, 100));
    return {
      readyState,
      width: video.videoWidth,
      height: video.videoHeight,
      duration: video.duration,
    };
  }, bytes.toString('base64'));
  expect(v.readyState).toBeGreaterThanOrEqual(2);
  expect(v.width).toBeGreaterThan(100);
  expect(v.duration).toBeGreaterThan(2);
  expect(v.duration).toBeLessThan(30);
  await expect(page.getByTestId('span-status')).toHaveAttribute('data-busy', 'false');
  await mapIdle(page);
  // A frame of the video, to look at.
  await player.setViewportSize({ width: 1280, height: 800 });
  await player.evaluate(async (b64) => {
    const bin = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const video = document.createElement('video');
    video.muted = true;
    video.src = URL.createObjectURL(new Blob([bin], { type: 'video/webm' }));
    video.style.cssText =
      'position:fixed;inset:0;width:100vw;height:100vh;z-index:99;background:#000';
    video.id = 'shot';
    document.body.append(video);
    await new Promise<void>((res) => (video.onloadeddata = () => res()));
    // Late in the span, after the change of 10 Apr 1929, so the caption shows.
    video.currentTime = 1e6;
    await new Promise<void>((res) => (video.onseeked = () => res()));
    video.currentTime = video.duration * 0.95;
    await new Promise<void>((res) => (video.onseeked = () => res()));
  }, bytes.toString('base64'));
  await player.screenshot({ path: `${SHOTS}/webm-frame.png` });
  await player.close();
});

for (const phone of [false, true]) {
  test(`SVG export is valid SVG with one path per unit drawn${phone ? ' (phone)' : ''}`, async ({
    page,
  }) => {
    if (phone) await page.setViewportSize({ width: 360, height: 740 });
    await openAtlas(page, '#date=1926-06-01&lang=ru');
    if (phone) await page.getByRole('button', { name: /панель/i }).click();
    const ids = await page
      .getByTestId('unit-list')
      .locator(shownUnits())
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-unit-id')).sort());
    expect(ids.length).toBeGreaterThan(0);
    const dl = page.waitForEvent('download');
    await page.getByTestId('export-svg').click();
    const download = await dl;
    expect(download.suggestedFilename()).toBe('kazakh-assr-atlas-1926-06-01.svg');
    const text = await readFile((await download.path())!, 'utf8');
    const r = await page.evaluate((svg) => {
      const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
      return {
        error: doc.getElementsByTagName('parsererror').length,
        root: doc.documentElement.localName,
        ns: doc.documentElement.namespaceURI,
        ids: [...doc.querySelectorAll('path[data-unit-id]')]
          .map((p) => p.getAttribute('data-unit-id'))
          .sort(),
        images: doc.querySelectorAll('image').length,
        labels: [...doc.querySelectorAll('text')].map((t) => t.textContent),
        // The map's labels as drawn in the page's own fonts: no two may overlap.
        overlaps: (() => {
          const el = document.importNode(doc.documentElement, true) as unknown as SVGSVGElement;
          el.style.position = 'absolute';
          el.style.left = '-20000px';
          document.body.appendChild(el);
          const boxes = [...el.querySelectorAll<SVGTextElement>('#labels text')].map((t) =>
            t.getBBox(),
          );
          el.remove();
          const hit = (a: DOMRect, b: DOMRect) =>
            a.x < b.x + b.width - 0.5 &&
            b.x < a.x + a.width - 0.5 &&
            a.y < b.y + b.height - 0.5 &&
            b.y < a.y + a.height - 0.5;
          return {
            count: boxes.length,
            pairs: boxes.flatMap((a, i) => boxes.slice(i + 1).filter((b) => hit(a, b))).length,
          };
        })(),
      };
    }, text);
    expect(r.error).toBe(0);
    expect(r.root).toBe('svg');
    expect(r.ns).toBe('http://www.w3.org/2000/svg');
    expect(r.images).toBe(0);
    expect(r.ids).toEqual(ids);
    expect(r.labels.join(' ')).toContain('Кзыл-Орда');
    expect(r.overlaps.count).toBeGreaterThan(5);
    expect(r.overlaps.pairs).toBe(0);
    // Look at it: the SVG drawn by the browser.
    const shot = await page.context().newPage();
    await shot.setViewportSize(phone ? { width: 360, height: 740 } : { width: 1280, height: 800 });
    await shot.setContent(`<body style="margin:0">${text.replace(/^<\?xml[^>]*>/, '')}</body>`);
    await shot.screenshot({
      path: `${SHOTS}/svg${phone ? '-phone' : ''}.png`,
      fullPage: true,
      timeout: 60_000,
    });
    await shot.close();
  });
}
