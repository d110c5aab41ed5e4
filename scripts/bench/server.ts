// Static file server for the benchmark: serves the built atlas and the baseline page, logs every response.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { AddressInfo } from 'node:net';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.geojson': 'application/geo+json; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.map': 'application/json; charset=utf-8',
};

/** One answered request: what was asked for, what went back, and when. */
export interface LoggedResponse {
  /** Epoch ms when the request arrived. */
  at: number;
  path: string;
  status: number;
  contentType: string;
  /** `Sec-Fetch-Dest` of the request (script, worker, style, font, empty, document …). */
  dest: string;
  /** The body sent (uncompressed; gzip is computed by the bench). */
  body: Buffer;
}

/** A running server with its origin and response log. */
export interface BenchServer {
  origin: string;
  log: LoggedResponse[];
  close(): Promise<void>;
}

/**
 * Serves `roots` (URL prefix → folder) on 127.0.0.1 at a free port. A missing file is a 404, never
 * a fallback page, so a broken reference shows up. Bodies are sent uncompressed; every response
 * is logged with its body so the bench can measure raw and gzip sizes itself.
 */
export async function startServer(roots: Record<string, string>): Promise<BenchServer> {
  const log: LoggedResponse[] = [];
  const prefixes = Object.keys(roots).sort((a, b) => b.length - a.length);
  const answer = async (req: IncomingMessage, res: ServerResponse) => {
    const at = Date.now();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const dest = String(req.headers['sec-fetch-dest'] ?? '');
    const send = (status: number, body: Buffer, contentType: string) => {
      log.push({ at, path: url.pathname, status, contentType, dest, body });
      res.writeHead(status, {
        'Content-Type': contentType,
        'Content-Length': body.length,
        'Cache-Control': 'public, max-age=600',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    const prefix = prefixes.find((p) => url.pathname.startsWith(p));
    if (!prefix) return send(404, Buffer.from('not found'), 'text/plain');
    const root = roots[prefix] as string;
    let rel = decodeURIComponent(url.pathname.slice(prefix.length));
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    const file = path.resolve(root, rel);
    if (!file.startsWith(path.resolve(root) + path.sep)) {
      return send(403, Buffer.from('forbidden'), 'text/plain');
    }
    try {
      if (!(await stat(file)).isFile()) throw new Error('not a file');
      const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
      send(200, await readFile(file), type);
    } catch {
      send(404, Buffer.from('not found'), 'text/plain');
    }
  };
  const server: Server = createServer((req, res) => {
    answer(req, res).catch((e: unknown) => {
      res.writeHead(500);
      res.end(String(e));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    log,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
