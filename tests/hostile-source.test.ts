// Static guards: no HTML sinks for data in src/, a strict CSP in index.html, and every e2e spec on the shared fixture.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Every file under `dir` whose name ends with one of `exts`. */
function files(dir: string, exts: string[]): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return files(p, exts);
    return exts.some((e) => name.endsWith(e)) ? [p] : [];
  });
}

/** Ways to turn a string into markup or code. */
const SINKS = [
  /\{@html\b/,
  /\.innerHTML\b/,
  /\.outerHTML\b/,
  /insertAdjacentHTML/,
  /document\.write/,
  /\bDOMParser\b/,
  /createContextualFragment/,
  /\bsetHTML(Unsafe)?\b/,
  /\beval\s*\(/,
  /new\s+Function\s*\(/,
  /setTimeout\s*\(\s*['"`]/,
  /\.setHTML\s*\(/,
];

describe('no HTML or code from strings in src/', () => {
  const src = files('src', ['.ts', '.svelte', '.js']);
  it('finds the sources', () => expect(src.length).toBeGreaterThan(10));
  for (const f of src) {
    it(f, () => {
      const text = readFileSync(f, 'utf8');
      for (const re of SINKS) expect(re.test(text), `${f} uses ${re}`).toBe(false);
    });
  }
  it('the check itself catches a sink', () => {
    expect(SINKS.some((re) => re.test('<p>{@html note}</p>'))).toBe(true);
    expect(SINKS.some((re) => re.test('el.innerHTML = name;'))).toBe(true);
  });
});

describe('Content Security Policy in index.html', () => {
  const html = readFileSync('index.html', 'utf8');
  const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? '';
  const dir = (name: string) =>
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .find((d) => d[0] === name)
      ?.slice(1)
      .sort();
  it('is there', () => expect(csp).not.toBe(''));
  it.each([
    ['default-src', ["'self'"]],
    ['script-src', ["'self'"]],
    ['worker-src', ["'self'", 'blob:']],
    ['img-src', ["'self'", 'blob:', 'data:']],
    ['connect-src', ["'self'"]],
    ['font-src', ["'self'"]],
    // MapLibre and Svelte set inline style attributes; nothing else is inline.
    ['style-src', ["'self'", "'unsafe-inline'"]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'self'"]],
  ])('%s', (name, want) => expect(dir(name)).toEqual([...want].sort()));
  it('allows no inline script or eval anywhere', () => {
    expect(csp).not.toMatch(/unsafe-eval|wasm-unsafe-eval|strict-dynamic/);
    expect(dir('script-src')).not.toContain("'unsafe-inline'");
  });
  it('has no inline script in the page itself', () => {
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    for (const [, attrs, body] of scripts) {
      expect(attrs).toMatch(/\bsrc=/);
      expect(body?.trim()).toBe('');
    }
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
  });
});

describe('every e2e spec runs on the shared fixture (console, page errors, off-origin requests)', () => {
  const specs = readdirSync('e2e').filter((f) => f.endsWith('.spec.ts'));
  it('finds the specs', () => expect(specs.length).toBeGreaterThan(1));
  for (const f of specs) {
    it(f, () => {
      const text = readFileSync(join('e2e', f), 'utf8');
      expect(text, `${f} must import test from ./fixtures.ts`).toMatch(
        /import\s*\{[^}]*\btest\b[^}]*\}\s*from\s*'\.\/fixtures(\.ts)?'/,
      );
      // Taking `test` straight from Playwright would skip the guard.
      expect(text, `${f} imports test from @playwright/test`).not.toMatch(
        /import\s*\{[^}]*\btest\b[^}]*\}\s*from\s*'@playwright\/test'/,
      );
    });
  }
});
