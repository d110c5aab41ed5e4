// End-to-end: place search by any historical name form, and the timeline of every event.
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { expect, mapIdle, openAtlas, test } from './fixtures.ts';

const SHOTS = process.env.SHOTS_DIR ?? '.tmp/shots';
const eventCount = (
  JSON.parse(readFileSync(new URL('../public/data/chronology.json', import.meta.url), 'utf8')) as {
    events: unknown[];
  }
).events.length;

interface Shown {
  date: string;
  unit: string | null;
  map: { zoom: number; lat: number; lon: number } | null;
}
// The machine runs several suites at once: allow for a slow map.
test.beforeEach(() => test.slow());

/** Whether the shown-date marker lies inside the timeline's own visible box. */
const markerInBox = (page: Page) =>
  page.getByTestId('timeline').evaluate((box) => {
    const m = box.querySelector('[data-now]');
    if (!m) return false;
    const b = box.getBoundingClientRect();
    const r = m.getBoundingClientRect();
    return r.top >= b.top - 1 && r.bottom <= b.bottom + 1;
  });

const state = (page: Page) =>
  page.evaluate(() => (window as unknown as { atlas: { getState(): Shown } }).atlas.getState());

test('"Ak-Mechet" finds Kzyl-Orda (1922–1925); choosing it moves the date and flies there', async ({
  page,
}) => {
  await openAtlas(page, '#date=1926-06-01');
  const box = page.getByTestId('search');
  await box.fill('Ak-Mechet');
  const hit = page.locator('[data-testid="search-result"]').first();
  await expect(hit).toHaveAttribute('data-city-id', 'kyzylorda');
  await expect(hit).toContainText('Ak-Mechet');
  await expect(hit).toContainText('1922–1925');
  await expect(hit).toContainText('Kyzylorda');
  await hit.click();
  await expect(page.getByTestId('current-date')).toContainText('1925');
  expect((await state(page)).date).toBe('1925-04-18');
  await expect(box).toHaveAttribute('aria-expanded', 'false');
  await mapIdle(page);
  await expect
    .poll(async () => {
      const m = (await state(page)).map;
      return m ? Math.hypot(m.lon - 65.465, m.lat - 44.8) : 99;
    })
    .toBeLessThan(0.5);
});

test('"Верный" finds Alma-Ata, named so until 1921; the keyboard chooses it', async ({ page }) => {
  await openAtlas(page, '#date=1926-06-01');
  const box = page.getByTestId('search');
  await box.focus();
  await page.keyboard.type('Верный');
  const hit = page.locator('[data-testid="search-result"]').first();
  await expect(hit).toHaveAttribute('data-city-id', 'almaty');
  await expect(hit).toContainText('Верный');
  await expect(hit).toContainText('until 1921');
  await expect(box).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('ArrowDown');
  const id = await hit.getAttribute('id');
  await expect(box).toHaveAttribute('aria-activedescendant', id ?? '');
  await expect(hit).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await state(page)).date).toBe('1921-03-02');
  await expect(page.getByTestId('capital')).toHaveText(/Orenburg/);
  // A date when the name was in use is kept.
  await page.evaluate(() =>
    (window as unknown as { atlas: { setDate(s: string): boolean } }).atlas.setDate('1919-05-05'),
  );
  await box.fill('Verny');
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await state(page)).date).toBe('1919-05-05');
  // Escape closes the list, a second Escape clears the box.
  await box.fill('Perovsk');
  await expect(page.locator('[data-testid="search-result"]').first()).toHaveAttribute(
    'data-city-id',
    'kyzylorda',
  );
  await page.keyboard.press('Escape');
  await expect(box).toHaveAttribute('aria-expanded', 'false');
  await expect(page.locator('[data-testid="search-result"]').first()).toBeHidden();
  await page.keyboard.press('Escape');
  await expect(box).toHaveValue('');
});

test('a unit by a historical form: "Kzyl-Dzhar" selects the Petropavlovsk okrug in its years', async ({
  page,
}) => {
  await openAtlas(page, '#date=1933-01-01');
  await page.getByTestId('search').fill('Kzyl-Dzhar');
  const hit = page.locator('[data-testid="search-result"][data-unit-id="petropavlovsk_okrug"]');
  await expect(hit).toContainText('1928–1930');
  await hit.click();
  await expect(page.getByTestId('details')).toHaveAttribute('data-unit-id', 'petropavlovsk_okrug');
  expect((await state(page)).date).toBe('1930-12-16');
  await mapIdle(page);
  // Other forms of the brief find their places too.
  for (const [q, attr, id] of [
    ['Акмешіт', 'data-city-id', 'kyzylorda'],
    ['Semey', 'data-city-id', 'semey'],
    ['Alash-qala', 'data-city-id', 'semey'],
    ['Oiyl', 'data-city-id', 'oiyl'],
    ['akmola', 'data-city-id', 'astana'],
  ] as const) {
    await page.getByTestId('search').fill(q);
    await expect(page.locator(`[data-testid="search-result"][${attr}="${id}"]`), q).toBeVisible();
  }
});

test('the timeline lists every event, filters, and jumps to an event', async ({ page }) => {
  await openAtlas(page, '#date=1926-06-01');
  await page.getByTestId('tab-timeline').click();
  const tl = page.getByTestId('timeline');
  await expect(tl.locator('[data-event-id]')).toHaveCount(eventCount);
  await expect(tl.locator('[data-now]')).toBeVisible();
  expect(await markerInBox(page)).toBe(true);
  await expect(tl.locator('[data-event-id="e1929_05_capital_alma_ata"]')).toContainText('May 1929');
  await expect(tl.locator('[data-event-id="e1917_12_26_alash_autonomy"]')).toContainText(
    '13 (26) Dec 1917',
  );
  await page.getByTestId('timeline-kind').selectOption('capital');
  await expect(tl.locator('[data-event-id]')).toHaveCount(2);
  await page.getByTestId('timeline-kind').selectOption('');
  await page.getByTestId('timeline-unit').selectOption('adai_okrug');
  await expect(tl.locator('[data-event-id]')).toHaveCount(2);
  const ev = tl.locator('[data-event-id="e1929_04_10_adai_okrug_abolished"]');
  await ev.locator('button').first().click();
  await expect(page.getByTestId('current-date')).toContainText('10 Apr 1929');
  await expect(page.getByTestId('details')).toHaveAttribute('data-unit-id', 'aktyubinsk_okrug');
  await expect(ev.locator('button').first()).toHaveAttribute('aria-current', 'date');
  await expect(ev.locator('[data-touched]')).toHaveCount(3);
  // The unit's own timeline in the details panel lists the same event.
  await expect(
    page
      .getByTestId('details-events')
      .locator('[data-event-id="e1929_04_10_adai_okrug_abolished"]'),
  ).toBeVisible();
  await mapIdle(page);
});

test('keyboard: Enter on a timeline event jumps; the marker follows the date', async ({ page }) => {
  await openAtlas(page, '#date=1918-01-01');
  const tab = page.getByTestId('tab-units');
  await tab.focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('tab-timeline')).toBeFocused();
  await expect(page.getByTestId('tab-timeline')).toHaveAttribute('aria-selected', 'true');
  const tl = page.getByTestId('timeline');
  const btn = tl.locator('[data-event-id="e1932_02_20_six_oblasts"] button').first();
  await btn.focus();
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await state(page)).date).toBe('1932-02-20');
  await expect(page.getByTestId('details')).toHaveAttribute('data-unit-id', 'aktyubinsk_oblast');
  // The marker sits right after the last event on or before the date, and stays in view.
  const after = await tl.locator('li').evaluateAll((els) => {
    const i = els.findIndex((e) => e.hasAttribute('data-now'));
    return els[i - 1]?.getAttribute('data-event-id');
  });
  expect(after).toBe('e1932_02_20_six_oblasts');
  await page.evaluate(() =>
    (window as unknown as { atlas: { setDate(s: string): boolean } }).atlas.setDate('1936-12-05'),
  );
  await expect.poll(() => markerInBox(page)).toBe(true);
  await page.evaluate(() =>
    (window as unknown as { atlas: { setDate(s: string): boolean } }).atlas.setDate('1918-02-01'),
  );
  await expect.poll(() => markerInBox(page)).toBe(true);
  await mapIdle(page);
});

test('screenshots: desktop search and timeline', async ({ page }) => {
  await openAtlas(page, '#date=1926-06-01');
  await page.getByTestId('search').fill('Ak-Mechet');
  await expect(page.locator('[data-testid="search-result"]').first()).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/search-desktop.png` });
  await page.keyboard.press('Enter');
  await mapIdle(page);
  await page.getByTestId('tab-timeline').click();
  await page.locator('[data-event-id="e1929_04_10_adai_okrug_abolished"] button').first().click();
  await mapIdle(page);
  await page.screenshot({ path: `${SHOTS}/timeline-desktop.png` });
});

test.describe('phone', () => {
  test.use({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });

  test('search and timeline in the bottom sheet', async ({ page }) => {
    await openAtlas(page, '#date=1926-06-01');
    const box = page.getByTestId('search');
    await expect(box).toBeVisible();
    await box.fill('Верный');
    const hit = page.locator('[data-testid="search-result"][data-city-id="almaty"]');
    await expect(hit).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/search-phone.png` });
    await hit.tap();
    await expect.poll(async () => (await state(page)).date).toBe('1921-03-02');
    await mapIdle(page);
    await page.getByRole('button', { name: 'Show panel' }).tap();
    await page.getByTestId('tab-timeline').tap();
    await expect(page.getByTestId('timeline').locator('[data-now]')).toBeInViewport();
    await page.locator('[data-event-id="e1929_04_10_adai_okrug_abolished"] button').first().tap();
    await expect(page.getByTestId('current-date')).toContainText('1929');
    await mapIdle(page);
    await page.screenshot({ path: `${SHOTS}/timeline-phone.png` });
  });
});
