// The headless Chromium every browser run uses (tests and bench): Debian's package or CHROMIUM_PATH, with the flags of ATLAS.md §2.

/** Debian's Chromium, or whatever CHROMIUM_PATH points to. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Launch arguments of ATLAS.md §2: SwiftShader WebGL, no sandbox, nothing phoning home. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
