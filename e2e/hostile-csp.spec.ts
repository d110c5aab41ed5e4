// Hostile environment: the built page carries a strict CSP, works under it, and a violation or an off-origin request fails a test.
import { ORIGIN, expect, openAtlas, setDate, test } from './fixtures.ts';
import { decodePng, mapSize } from './hostile-helpers.ts';

/** Records CSP violations in the page from the very start (init scripts run outside the CSP). */
const RECORD_VIOLATIONS = () => {
  const w = window as unknown as { __csp: string[] };
  w.__csp = [];
  document.addEventListener('securitypolicyviolation', (e) =>
    w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`),
  );
};
const violations = (page: import('@playwright/test').Page) =>
  page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);

test('the built index.html has the CSP and no inline script', async ({ request }) => {
  const html = await (await request.get('/')).text();
  const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? '';
  expect(csp).toContain("script-src 'self';");
  expect(csp).toContain("worker-src 'self' blob:;");
  expect(csp).toContain("img-src 'self' data: blob:;");
  expect(csp).toContain("connect-src 'self';");
  expect(csp).toContain("font-src 'self';");
  expect(csp).toContain("object-src 'none';");
  expect(csp).toContain("base-uri 'self'");
  expect(csp).not.toMatch(/unsafe-eval/);
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
  expect(scripts.length).toBeGreaterThan(0);
  for (const [, attrs, body] of scripts) {
    expect(attrs).toMatch(/\bsrc="\.\/assets\//);
    expect(body?.trim()).toBe('');
  }
  expect(html).not.toMatch(/\son[a-z]+\s*=/i);
});

test('the atlas works under its CSP: load, date, map, PNG export', async ({ page }) => {
  test.setTimeout(180_000);
  await page.addInitScript(RECORD_VIOLATIONS);
  await openAtlas(page, '#date=1926-06-01');
  await setDate(page, '1933-01-01');
  await expect(page.getByTestId('capital')).toHaveText(/Alma-Ata/);
  const size = await mapSize(page);
  await page.locator('[data-scale="1"]').click();
  const [dl] = await Promise.all([
    page.waitForEvent('download', { timeout: 150_000 }),
    page.getByTestId('export-png').click(),
  ]);
  const png = await decodePng(page, dl);
  expect(png).toMatchObject({ w: size.w, h: size.h });
  expect(png.colours).toBeGreaterThan(20);
  expect(await violations(page)).toEqual([]);
});

test('a CSP violation is caught: injected inline script is blocked and reported', async ({
  page,
  guard,
}) => {
  await page.addInitScript(RECORD_VIOLATIONS);
  await openAtlas(page);
  const reported = new Promise<string>((resolve) =>
    page.on('console', (m) => {
      if (/Content Security Policy/.test(m.text())) resolve(m.text());
    }),
  );
  // This console error is the point of the test; every other test fails on it.
  guard.allow(/Content Security Policy/);
  await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__inlineRan = 1';
    document.body.append(s);
  });
  expect(await reported).toMatch(/Content Security Policy/);
  // (eval cannot be tried from here: DevTools evaluation is exempt; the policy has no unsafe-eval.)
  const ran = await page.evaluate(
    () => (window as unknown as Record<string, unknown>)['__inlineRan'],
  );
  expect(ran).toBeUndefined();
  const v = await violations(page);
  expect(v.some((x) => x.startsWith('script-src'))).toBe(true);
});

test.describe('the shared fixture catches phoning home', () => {
  // Without the CSP (which would block it first) the request leaves; the guard must see it.
  test.use({ bypassCSP: true });
  test('a request to another origin is recorded as a problem', async ({ page, guard }) => {
    await page.route('http://127.0.0.2:9/**', (r) => r.fulfill({ status: 204, body: '' }));
    await openAtlas(page);
    await page.evaluate(() => fetch('http://127.0.0.2:9/beacon', { mode: 'no-cors' }));
    const caught = guard.problems.filter((p) => p.includes('127.0.0.2:9/beacon'));
    expect(caught.length, `${ORIGIN} guard: ${guard.problems.join('; ')}`).toBeGreaterThan(0);
    // Clear only the expected problem: anything else still fails the test.
    for (const p of caught) guard.problems.splice(guard.problems.indexOf(p), 1);
  });
});
