// Test helper: the data files the geodata build wrote to public/data (what the app loads).
import { readFileSync } from 'node:fs';

/** The parsed JSON of `public/data/<file>`. */
export function builtData<T>(file: string): T {
  return JSON.parse(readFileSync(new URL(`../public/data/${file}`, import.meta.url), 'utf8')) as T;
}
