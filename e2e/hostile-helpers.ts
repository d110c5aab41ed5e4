// Helpers for the e2e specs: decoding PNGs in the page (a download, two screenshots compared), sizes, held requests.
import { readFile } from 'node:fs/promises';
import type { Download, Page } from '@playwright/test';

/** The page-side PNG decoder (see withPngDecoder). */
type PngWindow = { decodePngPixels(b64: string): Promise<ImageData> };

/** Installs `window.decodePngPixels` (base64 PNG → ImageData, decoded by the browser; throws if not a PNG). */
async function withPngDecoder(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as PngWindow).decodePngPixels = async (b64) => {
      const bin = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const bmp = await createImageBitmap(new Blob([bin], { type: 'image/png' }));
      const c = new OffscreenCanvas(bmp.width, bmp.height);
      const ctx = c.getContext('2d');
      if (!ctx) throw new Error('no 2d context');
      ctx.drawImage(bmp, 0, 0);
      bmp.close();
      return ctx.getImageData(0, 0, c.width, c.height);
    };
  });
}

/** Size and a rough colour count of a downloaded PNG, decoded by the browser (throws if not a PNG). */
export async function decodePng(
  page: Page,
  dl: Download,
): Promise<{ w: number; h: number; colours: number }> {
  const bytes = await readFile(await dl.path());
  await withPngDecoder(page);
  return page.evaluate(async (b64) => {
    const img = await (window as unknown as PngWindow).decodePngPixels(b64);
    const d = img.data;
    const colours = new Set<number>();
    for (let i = 0; i < d.length; i += 4 * 997)
      colours.add(((d[i] ?? 0) << 16) | ((d[i + 1] ?? 0) << 8) | (d[i + 2] ?? 0));
    return { w: img.width, h: img.height, colours: colours.size };
  }, bytes.toString('base64'));
}

/** How two PNGs of the same size differ: pixels that differ at all, and the largest channel difference. */
export async function pngDiff(
  page: Page,
  a: Buffer,
  b: Buffer,
): Promise<{ pixels: number; differing: number; most: number }> {
  await withPngDecoder(page);
  return page.evaluate(
    async ([x, y]) => {
      const { decodePngPixels } = window as unknown as PngWindow;
      const [p, q] = [await decodePngPixels(x), await decodePngPixels(y)];
      if (p.width !== q.width || p.height !== q.height) throw new Error('sizes differ');
      let differing = 0;
      let most = 0;
      for (let i = 0; i < p.data.length; i += 4) {
        let d = 0;
        for (let k = 0; k < 3; k++) d = Math.max(d, Math.abs(p.data[i + k]! - q.data[i + k]!));
        if (d > 0) differing++;
        most = Math.max(most, d);
      }
      return { pixels: p.width * p.height, differing, most };
    },
    [a.toString('base64'), b.toString('base64')] as const,
  );
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
