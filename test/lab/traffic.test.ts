/**
 * The lab's traffic loops end, whatever the server does: a loop waiting on a
 * request that never settles kept a whole scenario pending past its abort
 * (CI, 2026-12-06: app-cpu timed out, then its teardown wait did too).
 * Real HTTP servers on loopback, each misbehaving one way.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM module without types
import { traffic } from '../../scripts/lab/faults.mjs';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;
let server: http.Server | undefined;

async function serve(handler: Handler): Promise<number> {
  server = http.createServer(handler);
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return (server.address() as AddressInfo).port;
}

afterEach(() => {
  server?.closeAllConnections();
  server?.close();
  server = undefined;
});

const drive = (port: number): Promise<Record<string, number>> => traffic({ ms: 300, port, concurrency: 2, pauseMs: 50 });

describe('lab traffic', () => {
  it('counts whole responses by status', async () => {
    const counts = await drive(await serve((_req, res) => res.end('ok')));
    expect(Object.keys(counts)).toEqual(['200']);
    expect(counts['200']).toBeGreaterThan(1);
  });

  it('ends a request whose connection closes mid-body, counted as cut short', async () => {
    const port = await serve((req, res) => {
      res.writeHead(200, { 'content-length': '100' });
      res.write('partial');
      setTimeout(() => req.socket.destroy(), 20);
    });
    const counts = await drive(port);
    expect(Object.keys(counts)).toEqual(['200 cut short']);
  }, 10_000);

  it('ends a request whose connection closes before any response', async () => {
    const counts = await drive(await serve((req) => req.socket.destroy()));
    expect(Object.keys(counts)).toEqual(['ECONNRESET']);
  });

  it('stops at once when its signal aborts, with a request in flight that would never be answered', async () => {
    const port = await serve(() => {});
    const ac = new AbortController();
    const t0 = Date.now();
    setTimeout(() => ac.abort(), 100);
    const counts = await traffic({ ms: 60_000, port, concurrency: 3, pauseMs: 0, signal: ac.signal });
    expect(Date.now() - t0).toBeLessThan(5_000); // the request's own idle timeout is 5 s
    expect(counts).toEqual({ ABORT_ERR: 3 });
  }, 10_000);
});
