// The demo EHR server: static files from demo/ (or another folder) on 127.0.0.1, a random free
// port, node:http only. It is what `npm start`, the browser tests and the extension benchmark
// open pages from; the demo extension flavour holds host permission for http://127.0.0.1/*.
//
//   node scripts/demo-server.mjs [--port N]     serve demo/ until Ctrl-C
//
// Only GET and HEAD, only regular files inside the root (no directory listing, no traversal: the
// resolved real path must stay under the root's real path, so `..`, encoded `%2e%2e`, backslashes
// and symlinks pointing outside are all refused).
import { createReadStream, realpathSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const DEMO_ROOT = fileURLToPath(new URL('../demo/', import.meta.url));

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Map a request path to a file under `root`, or null when it is not one we serve.
 * Exported for the server's own tests.
 */
export async function resolveFile(root, rawPath) {
  let pathname;
  try {
    pathname = decodeURIComponent(rawPath);
  } catch {
    return null; // malformed %-escape
  }
  if (pathname.includes('\0') || pathname.includes('\\') || !pathname.startsWith('/')) return null;
  const rootReal = realpathSync(root);
  let candidate = resolve(rootReal, `.${pathname}`);
  if (candidate !== rootReal && !candidate.startsWith(rootReal + sep)) return null;
  try {
    let info = await stat(candidate);
    if (info.isDirectory()) {
      candidate = join(candidate, 'index.html');
      info = await stat(candidate);
    }
    if (!info.isFile()) return null;
    // Symlinks are resolved before the containment check is repeated.
    const real = realpathSync(candidate);
    if (!real.startsWith(rootReal + sep)) return null;
    return { file: real, size: info.size };
  } catch {
    return null;
  }
}

/**
 * Start serving `root`. Resolves to { origin, port, close(), requests } where `requests` lists
 * every request as { method, path, status } (tests use it to see who asked for what).
 */
export function startDemoServer({ root = DEMO_ROOT, port = 0, host = '127.0.0.1', log = false } = {}) {
  const requests = [];
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const record = { method: req.method, path: url.pathname + url.search, status: 0 };
    requests.push(record);
    const finish = (status, headers = {}, body = '') => {
      record.status = status;
      res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
      res.end(req.method === 'HEAD' ? undefined : body);
      if (log) console.log(`${status} ${req.method} ${record.path}`);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return finish(405, { Allow: 'GET, HEAD' }, 'method not allowed\n');
    // Browsers ask for this on every origin; answer quietly instead of logging a 404 per page.
    if (url.pathname === '/favicon.ico') return finish(204);
    const found = await resolveFile(root, url.pathname);
    if (!found) return finish(404, {}, 'not found\n');
    record.status = 200;
    res.writeHead(200, {
      'Content-Type': TYPES[extname(found.file).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': found.size,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    if (log) console.log(`200 ${req.method} ${record.path}`);
    if (req.method === 'HEAD') return res.end();
    createReadStream(found.file).pipe(res);
  });
  // Keep-alive sockets would hold close() open until they time out.
  server.keepAliveTimeout = 1000;
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      const actualPort = typeof address === 'object' && address ? address.port : port;
      resolvePromise({
        origin: `http://${host}:${actualPort}`,
        port: actualPort,
        requests,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections?.();
            server.close(() => done());
          }),
      });
    });
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const i = process.argv.indexOf('--port');
  const port = i >= 0 ? Number(process.argv[i + 1]) : 0;
  const { origin, close } = await startDemoServer({ port, log: true });
  console.log(`demo EHR pages: ${origin}/  (Ctrl-C to stop)`);
  process.on('SIGINT', () => void close().then(() => process.exit(0)));
}
