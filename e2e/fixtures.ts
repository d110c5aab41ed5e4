// Shared e2e fixture: every test fails on a console error/warning, a page error, or a request off the origin.
import { test as base, expect, type Page } from '@playwright/test';

/** Origin the atlas is served from (playwright.config.ts serves the preview on PW_PORT). */
/**
 * The unit list's rows of the units drawn on the date (every unit has a row; the others are
 * hidden), optionally narrowed by more attribute selectors.
 */
export const shownUnits = (filter = ''): string => `[data-unit-id]${filter}:not([hidden])`;

export const ORIGIN = `http://127.0.0.1:${process.env.PW_PORT ?? 4173}`;

interface Guard {
  problems: string[];
  /** Lets console messages matching `re` pass (for tests that break things on purpose). */
  allow: (re: RegExp) => void;
}

export const test = base.extend<{ guard: Guard }>({
  guard: [
    async ({ page }, use) => {
      const problems: string[] = [];
      const allowed: RegExp[] = [];
      page.on('console', (m) => {
        if (m.type() !== 'error' && m.type() !== 'warning') return;
        const text = `console ${m.type()}: ${m.text()} ${m.location().url}`;
        if (!allowed.some((re) => re.test(text))) problems.push(text);
      });
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      page.on('request', (r) => {
        const url = r.url();
        if (url.startsWith('blob:') || url.startsWith('data:')) return;
        if (!url.startsWith(`${ORIGIN}/`)) problems.push(`request outside the origin: ${url}`);
      });
      await use({ problems, allow: (re) => allowed.push(re) });
      expect(problems, problems.join('\n')).toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** Waits until the map has drawn the current state (body[data-map-idle="true"]). */
export async function mapIdle(page: Page): Promise<void> {
  await page.waitForFunction(() => document.body.dataset.mapIdle === 'true', null, {
    timeout: 30_000,
  });
}

/** Opens the atlas at a hash and waits for data and the first drawn map. */
export async function openAtlas(page: Page, hash = ''): Promise<void> {
  await page.goto(`/${hash}`);
  await expect(page.getByTestId('date-slider')).toBeVisible();
  await page.waitForFunction(() => {
    const a = (window as unknown as { atlas?: { map: unknown } }).atlas;
    return !!a?.map;
  });
  await mapIdle(page);
}

/** Sets the date through the scripting API and waits for the map. */
export async function setDate(page: Page, iso: string): Promise<void> {
  await page.evaluate(
    (d) => (window as unknown as { atlas: { setDate(s: string): boolean } }).atlas.setDate(d),
    iso,
  );
  await expect(page.locator('[data-testid="date-slider"]')).toHaveAttribute('aria-valuetext', /\d/);
  await mapIdle(page);
}
