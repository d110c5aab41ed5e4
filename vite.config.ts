// Vite build for the atlas (Svelte 5) and Vitest configuration for the pure modules.
import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

export default defineConfig({
  plugins: [svelte()],
  base: './',
  build: {
    // ATLAS_OUT lets several builds (and their previews) share the machine; default dist/.
    outDir: process.env.ATLAS_OUT ?? 'dist',
    target: 'es2022',
    chunkSizeWarningLimit: 1200,
    assetsInlineLimit: 0,
  },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
  },
});
