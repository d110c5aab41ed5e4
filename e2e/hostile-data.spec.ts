// Broken and slow data: a missing, truncated or non-JSON data file gives an error screen naming it with a working Retry; slow data shows progress.
import type { Page, Route } from '@playwright/test';
import { expect, mapIdle, test } from './fixtures.ts';
import { holdRoute } from './hostile-helpers.ts';

const FILES = ['chronology.json', 'units.topo.json', 'basemap.topo.json'] as const;

/** Ways to break a file, each answering the intercepted request. */
const BREAKS: Record<string, (route: Route) => Promise<void>> = {
  missing: (route) => route.fulfill({ status: 404, body: 'Not found' }),
  truncated: async (route) => {
    const res = await route.fetch();
    const body = await res.text();
    await route.fulfill({ response: res, body: body.slice(0, Math.floor(body.length / 2)) });
  },
  'not JSON': (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><h1>proxy</h1>' }),
  'wrong shape': (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: '{"type":"nope"}' }),
};

/** Opens the atlas with `file` broken by `how`, checks the error screen, then retries with the file back. */
async function breakAndRetry(page: Page, file: string, how: string, drawMap: boolean) {
  const pattern = `**/data/${file}`;
  const fail = BREAKS[how];
  if (!fail) throw new Error(how);
  await page.route(pattern, fail);
  await page.goto('/#date=1926-06-01');
  const screen = page.getByTestId('error-screen');
  await expect(screen).toBeVisible();
  await expect(page.getByTestId('error-file')).toHaveText(new RegExp(file.replace(/\./g, '\\.')));
  const retry = screen.getByRole('button', { name: 'Retry' });
  await expect(retry).toBeVisible();
  // Retry while the file is still broken: the same clear error, not a blank page.
  await retry.click();
  await expect(page.getByTestId('error-file')).toHaveText(new RegExp(file.replace(/\./g, '\\.')));
  await page.unroute(pattern);
  await page.getByTestId('error-screen').getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByTestId('date-slider')).toBeVisible();
  await expect(page.getByTestId('state-name')).toContainText('Kazak ASSR');
  if (drawMap) await mapIdle(page);
}

test.describe('a broken data file', () => {
  test.beforeEach(({ guard }) => {
    // The browser logs the failed request itself; that message is expected here.
    guard.allow(/Failed to load resource|status of 404/);
  });
  for (const file of FILES) {
    for (const how of Object.keys(BREAKS)) {
      test(`${file} ${how}: says which, Retry works once it is back`, async ({ page }) => {
        test.setTimeout(120_000);
        await breakAndRetry(page, file, how, how === 'missing');
      });
    }
  }
});

test('slow data shows progress and the page stays responsive', async ({ page }) => {
  test.setTimeout(120_000);
  const release = await holdRoute(page, '**/data/units.topo.json');
  await page.goto('/#date=1926-06-01');
  const loading = page.getByTestId('loading');
  await expect(loading).toBeVisible();
  await expect(loading.locator('progress')).toBeVisible();
  // The other two files arrive and are counted while the third is held back.
  await expect(loading.locator('progress')).toHaveAttribute('value', '2');
  await expect(loading).toContainText('chronology.json');
  // The page's frame is already there, on the linked date, but takes no input until the data is in.
  await expect(page.getByTestId('date-slider')).toBeVisible();
  await expect(page.getByTestId('date-input')).toHaveValue('1926-06-01');
  await expect(page.locator('.time')).toHaveAttribute('inert', '');
  await expect(page.locator('.panels')).toHaveAttribute('inert', '');
  await expect(page.getByTestId('unit-list')).toHaveCount(0);
  await expect(page.getByTestId('current-date')).toHaveText('1 Jun 1926');
  // Nothing is said about the day before the chronology is in.
  await expect(page.locator('.header .caption')).not.toContainText('Alash');
  // Not frozen: the page answers and the language switch works during the wait.
  const t0 = Date.now();
  await page.evaluate(() => 1);
  expect(Date.now() - t0).toBeLessThan(2_000);
  await page.locator('[data-lang="ru"]').click();
  await expect(page.locator('[data-lang="ru"]')).toHaveAttribute('aria-pressed', 'true');
  await expect(loading).toContainText('Загрузка');
  release();
  await expect(page.getByTestId('state-name')).not.toHaveText('—');
  await expect(page.locator('.time')).not.toHaveAttribute('inert', /.*/);
  await expect(page.getByTestId('unit-list')).toBeVisible();
  await mapIdle(page);
});
