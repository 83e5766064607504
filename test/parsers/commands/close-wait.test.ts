/**
 * A real CLOSE_WAIT: a server on 127.0.0.1 accepts and never closes while the
 * client closes. The server side then sits in CLOSE-WAIT (the classic
 * "application leaks sockets" signature). `ss -tanp` must show those rows
 * with this process as owner, and the parser must find them.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createConnection, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { commandParser } from '../../../src/parsers/registry.js';
import { ssProcesses, type SsRecord } from '../../../src/parsers/commands/ss.js';
import { lacks } from '../../helpers/need.js';

const ENV = { ...process.env, LC_ALL: 'C', PATH: `${process.env['PATH'] ?? ''}:/sbin:/usr/sbin` };

function ssRows(): SsRecord[] {
  const out = execFileSync('ss', ['-tanp'], { env: ENV, encoding: 'utf8', maxBuffer: 512 << 20 });
  const res = commandParser('ss')!.parse(out, { file: 'ss-tanp', clock: {} });
  expect(res.diagnostics).toEqual([]);
  return res.data as SsRecord[];
}

const held: Socket[] = [];
let server: Server | undefined;

afterAll(() => {
  for (const s of held) s.destroy();
  server?.close();
});

describe.skipIf(process.platform !== 'linux' || lacks('CLOSE_WAIT sockets', { tools: ['ss'] }))('CLOSE_WAIT on real sockets', () => {
  it('finds the server-side CLOSE-WAIT rows and their owning process', async () => {
    // allowHalfOpen: Node would otherwise answer the client's FIN with its own and leave CLOSE-WAIT at once.
    server = createServer({ allowHalfOpen: true }, (sock) => {
      held.push(sock);
      sock.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const clients = 3;
    for (let i = 0; i < clients; i++) {
      const c = createConnection({ port, host: '127.0.0.1' });
      await new Promise<void>((resolve) => c.once('connect', () => resolve()));
      c.end(); // FIN from the client; the server never closes its end
    }
    let rows: SsRecord[] = [];
    for (let tries = 0; tries < 40; tries++) {
      rows = ssRows().filter((r) => r['state'] === 'CLOSE-WAIT' && r['local_port_num'] === port);
      if (rows.length === clients) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(rows).toHaveLength(clients);
    const comm = readFileSync(`/proc/${process.pid}/comm`, 'utf8').trim();
    for (const r of rows) {
      expect(r['local_address']).toBe('127.0.0.1');
      expect(r['peer_address']).toBe('127.0.0.1');
      expect(ssProcesses(r)).toEqual([{ name: comm, pid: process.pid, fd: expect.any(Number) }]);
    }
    // The client ends are FIN-WAIT-2 towards the same port.
    const clientsSide = ssRows().filter((r) => r['state'] === 'FIN-WAIT-2' && r['peer_port_num'] === port);
    expect(clientsSide.length).toBe(clients);
  });
});
