// The demo server serves the demo folder and nothing else (no browser needed).
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PAGES, startDemoServer, type DemoServer } from './harness.mjs';

/** A raw request, so paths reach the server exactly as written (fetch would normalise "..").*/
function get(server: DemoServer, path: string, method = 'GET'): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the demo server', () => {
  let server: DemoServer;
  let root: string;
  let outside: string;

  beforeAll(async () => {
    server = await startDemoServer();
    // A root of our own with a symlink pointing out of it.
    root = mkdtempSync(join(tmpdir(), 'tcg-serve-'));
    outside = mkdtempSync(join(tmpdir(), 'tcg-outside-'));
    writeFileSync(join(outside, 'secret.txt'), 'secret');
    mkdirSync(join(root, 'sub'));
    writeFileSync(join(root, 'sub', 'index.html'), '<p>sub</p>');
    symlinkSync(join(outside, 'secret.txt'), join(root, 'link.txt'));
  });

  afterAll(async () => {
    await server.close();
    rmSync(root, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  it('listens on 127.0.0.1 on a free port and serves every demo page', async () => {
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    for (const path of Object.values(DEMO_PAGES)) {
      const res = await get(server, path);
      expect(res.status, path).toBe(200);
      expect(res.type).toContain('text/html');
    }
    expect((await get(server, '/spa/app.js')).type).toContain('text/javascript');
  });

  it('refuses paths that leave the demo folder', async () => {
    for (const path of ['/../package.json', '/%2e%2e/package.json', '/spa/..%2f..%2fpackage.json', '/..%5cpackage.json', '/%00index.html', '/%zz']) {
      const res = await get(server, path);
      expect(res.status, path).toBe(404);
      expect(res.body).not.toContain('therapy-claim-guard');
    }
  });

  it('answers GET and HEAD only, and lists no directories', async () => {
    expect((await get(server, '/', 'POST')).status).toBe(405);
    expect((await get(server, '/', 'HEAD')).status).toBe(200);
    expect((await get(server, '/assets/')).status).toBe(404);
  });

  it('does not follow symlinks out of its root', async () => {
    const own = await startDemoServer({ root });
    try {
      expect((await get(own, '/sub/')).body).toBe('<p>sub</p>');
      expect((await get(own, '/link.txt')).status).toBe(404);
    } finally {
      await own.close();
    }
  });
});
