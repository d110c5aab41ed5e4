// Helpers for the hostile-input e2e specs: decoding a downloaded PNG in the page.
import { readFile } from 'node:fs/promises';
import type { Download, Page } from '@playwright/test';

/** Size and a rough colour count of a downloaded PNG, decoded by the browser (throws if not a PNG). */
export async function decodePng(
  page: Page,
  dl: Download,
): Promise<{ w: number; h: number; colours: number }> {
  const bytes = await readFile(await dl.path());
  return page.evaluate(async (b64) => {
    const bin = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const bmp = await createImageBitmap(new Blob([bin], { type: 'image/png' }));
    const c = new OffscreenCanvas(bmp.width, bmp.height);
    const ctx = c.getContext('2d');
    if (!ctx) throw new Error('no 2d context');
    ctx.drawImage(bmp, 0, 0);
    const d = ctx.getImageData(0, 0, bmp.width, bmp.height).data;
    const colours = new Set<number>();
    for (let i = 0; i < d.length; i += 4 * 997)
      colours.add(((d[i] ?? 0) << 16) | ((d[i + 1] ?? 0) << 8) | (d[i + 2] ?? 0));
    const size = { w: bmp.width, h: bmp.height };
    bmp.close();
    return { ...size, colours: colours.size };
  }, bytes.toString('base64'));
}

/** The map canvas's CSS size (the 1× export size). */
export async function mapSize(page: Page): Promise<{ w: number; h: number }> {
  return page.evaluate(() => {
    const m = (window as unknown as { atlas: { map: import('maplibre-gl').Map } }).atlas.map;
    const c = m.getContainer();
    return { w: c.clientWidth, h: c.clientHeight };
  });
}

/** Holds back every request matching `pattern` until the returned function is called. */
export async function holdRoute(page: Page, pattern: string): Promise<() => void> {
  let release: () => void = () => undefined;
  const held = new Promise<void>((r) => (release = r));
  await page.route(pattern, async (route) => {
    await held;
    await route.continue();
  });
  return release;
}
