// No WebGL: with WebGL switched off in Chromium the atlas says so, and date, header, unit list, details and chronology still work as text.
import { CHROMIUM_PATH } from '../scripts/chromium.ts';
import { expect, shownUnits, test } from './fixtures.ts';

test.use({
  launchOptions: {
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-webgl', '--disable-webgl2', '--disable-3d-apis'],
  },
});

test('without WebGL: a clear message, and the text atlas works', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/#date=1926-06-01');
  expect(
    await page.evaluate(() => {
      const c = document.createElement('canvas');
      return !!(c.getContext('webgl2') ?? c.getContext('webgl'));
    }),
  ).toBe(false);
  await expect(page.getByTestId('no-webgl')).toBeVisible();
  await expect(page.getByTestId('no-webgl')).toContainText(/WebGL/);
  // No "drawing the map" promise when there will be no map.
  await expect(page.getByTestId('map-drawing')).toHaveCount(0);
  await expect(page.getByTestId('state-name')).toContainText('Kazak ASSR');
  await expect(page.getByTestId('capital')).toHaveText(/Kzyl-Orda/);
  const list = page.getByTestId('unit-list');
  await expect(list.locator(shownUnits('[data-first-level="true"]'))).toHaveCount(9);

  // Date control by keyboard: header, unit list and URL follow.
  const slider = page.getByTestId('date-slider');
  await slider.focus();
  await page.keyboard.press('End');
  await expect(page.getByTestId('current-date')).toContainText('1936');
  await expect(page).toHaveURL(/date=1936-12-05/);
  await expect(list.locator(shownUnits('[data-unit-kind="oblast"]')).first()).toBeVisible();
  await page.keyboard.press('Home');
  await expect(page.getByTestId('current-date')).toContainText('1917');

  // Details through the unit list.
  await page.evaluate(() =>
    (window as unknown as { atlas: { setDate(d: string): boolean } }).atlas.setDate('1926-06-01'),
  );
  const item = list.locator('[data-unit-id="syr_darya_guberniya"]');
  await item.click();
  await expect(page.getByTestId('details')).toHaveAttribute('data-unit-id', 'syr_darya_guberniya');
  await expect(page.getByTestId('details')).toContainText('Syr-Darya');

  // The chronology as text: the timeline lists the events, when it is there.
  const timeline = page.getByTestId('timeline');
  if (await timeline.count()) {
    expect(await timeline.locator('[data-event-id]').count()).toBeGreaterThan(10);
  }
  // The scripting API answers without a map.
  const st = await page.evaluate(() =>
    (
      window as unknown as { atlas: { getState(): { date: string; map: unknown } } }
    ).atlas.getState(),
  );
  expect(st).toMatchObject({ date: '1926-06-01', map: null });
  await expect(page.getByTestId('export-png')).toBeDisabled();
});
