/**
 * Real network faults in network namespaces, captured by the real capture
 * script run inside the namespace (see netns.ts). Nothing on the machine's
 * own interfaces changes; every namespace and process is removed in finally.
 */
import type { Recording } from './recordings.js';
import { background, sleep } from './fixtures.js';
import { TAP_PY, TRAFFIC_MS, ifStat, memoLocked, need, readIn, sh, tcpSegs, udpSender, whenHappening, withNetLab } from './netns.js';

const NODE = process.execPath;
const WINDOW_S = 6;

const TCP_SINK = `require('net').createServer((s) => { s.on('data', () => {}); s.on('error', () => {}); }).listen(5001, '10.78.1.2'); setTimeout(() => process.exit(0), ${TRAFFIC_MS});`;
const TCP_SEND = `const c = require('net').connect(5001, '10.78.1.2'); const b = Buffer.alloc(65536); const w = () => { while (c.write(b)); }; c.on('connect', w); c.on('drain', w); c.on('error', () => process.exit(1)); setTimeout(() => process.exit(0), ${TRAFFIC_MS});`;

/**
 * Congestion loss: sender a, router r, receiver b joined by two veth pairs;
 * a token bucket (tbf 20 Mbit/s, 16 KB queue) on the router's side toward b;
 * one TCP connection writing as fast as it can. The router's queue overflows
 * and drops, TCP retransmits: the sender's /proc/net/snmp RetransSegs/OutSegs
 * is what is captured. The bottleneck is one hop away, as on a real network:
 * a qdisc on the sender's own interface reports its drops back to the
 * sending socket (the segment stays queued, the socket backs off), so the
 * retransmits come in episodes seconds apart (BBR) or never (Reno). The
 * capture starts once the sender has retransmitted >= 5% of its segments
 * (at >= 500 segments/s) in 3 consecutive seconds.
 */
export const tcpCongestion = memoLocked((): Promise<Recording> => {
  need('tcp-retransmits (tbf congestion)', ['ip', 'tc']);
  return withNetLab(async (lab) => {
    const [a, r, b] = [lab.ns('rtx-a'), lab.ns('rtx-r'), lab.ns('rtx-b')];
    sh('ip', ['link', 'add', 'rtx0', 'netns', a, 'type', 'veth', 'peer', 'name', 'rtx1', 'netns', r]);
    sh('ip', ['link', 'add', 'rtx2', 'netns', r, 'type', 'veth', 'peer', 'name', 'rtx3', 'netns', b]);
    for (const [ns, dev, addr] of [
      [a, 'rtx0', '10.78.0.1'],
      [r, 'rtx1', '10.78.0.2'],
      [r, 'rtx2', '10.78.1.1'],
      [b, 'rtx3', '10.78.1.2'],
    ] as const) {
      lab.ip(ns, 'addr', 'add', `${addr}/24`, 'dev', dev);
      lab.ip(ns, 'link', 'set', dev, 'up');
    }
    lab.ip(a, 'route', 'add', 'default', 'via', '10.78.0.2');
    lab.ip(b, 'route', 'add', 'default', 'via', '10.78.1.1');
    sh('ip', ['netns', 'exec', r, 'sysctl', '-q', 'net.ipv4.ip_forward=1']);
    sh('ip', ['netns', 'exec', r, 'tc', 'qdisc', 'add', 'dev', 'rtx2', 'root', 'tbf', 'rate', '20mbit', 'burst', '16kb', 'limit', '16kb']);
    lab.start(b, NODE, ['-e', TCP_SINK]);
    // until 10.78.1.2:5001 listens (/proc/net/tcp: little-endian hex, state 0A)
    for (let i = 0; i < 100 && !/^\s*\d+: 02014E0A:1389 00000000:0000 0A /m.test(readIn(b, '/proc/net/tcp')); i++) await sleep(100);
    lab.start(a, NODE, ['-e', TCP_SEND]);
    await whenHappening(
      "TCP retransmits >= 5% of >= 500 segments/s through the router's tbf",
      () => tcpSegs(a),
      ([rtx, out]) => out! >= 500 && rtx! >= 0.05 * out!,
      3,
    );
    return lab.capture(a, WINDOW_S);
  });
});

/**
 * Interface errors: a VXLAN device whose remote endpoint (192.0.2.3, TEST-NET-1)
 * has no route. Every frame sent through it fails the driver's route lookup and
 * is counted as a tx carrier error (tx errors in /proc/net/dev), as on a
 * tunnel whose underlay lost its route. A UDP sender pushes 50 datagrams/s to
 * a neighbour behind the tunnel.
 */
export const tunnelErrors = memoLocked((): Promise<Recording> => {
  need('net-errors (VXLAN without a route)', ['ip']);
  return withNetLab(async (lab) => {
    const a = lab.ns('err');
    lab.ip(a, 'link', 'add', 'vx0', 'type', 'vxlan', 'id', '42', 'remote', '192.0.2.3', 'dstport', '4789');
    lab.ip(a, 'addr', 'add', '10.79.0.1/24', 'dev', 'vx0');
    lab.ip(a, 'link', 'set', 'vx0', 'up');
    lab.ip(a, 'neigh', 'add', '10.79.0.2', 'lladdr', '02:00:00:00:4f:02', 'dev', 'vx0');
    lab.start(a, NODE, udpSender('10.79.0.2', 50, 100));
    await whenHappening(
      'vx0 tx errors >= 25/s',
      () => [ifStat(a, 'vx0', 'tx_errors')],
      ([e]) => e! >= 25,
    );
    return lab.capture(a, WINDOW_S);
  });
});

/** A TAP device `tap0` (10.80.0.1/24, neighbour 10.80.0.2) held by python in `mode`, in a new namespace. */
async function tapIn(lab: Parameters<Parameters<typeof withNetLab>[0]>[0], mode: 'hold' | 'drain'): Promise<string> {
  const a = lab.ns(`tap-${mode}`);
  lab.start(a, 'python3', ['-c', TAP_PY, 'tap0', mode]);
  for (let i = 0; i < 50; i++) {
    try {
      lab.ip(a, 'link', 'show', 'tap0');
      break;
    } catch {
      await sleep(100);
    }
  }
  lab.ip(a, 'addr', 'add', '10.80.0.1/24', 'dev', 'tap0');
  lab.ip(a, 'link', 'set', 'tap0', 'up');
  lab.ip(a, 'neigh', 'add', '10.80.0.2', 'lladdr', '02:00:00:00:50:02', 'dev', 'tap0');
  return a;
}

/**
 * Drops from a full queue: a TAP device whose reader has stalled (the python
 * process holds it open and never reads). The tun driver queues up to
 * txqueuelen (1000) frames, then drops every further frame (tx dropped in
 * /proc/net/dev) while a UDP sender pushes 1000 datagrams/s at it.
 */
export const tapStalled = memoLocked((): Promise<Recording> => {
  need('net-drops (stalled TAP reader)', ['ip', 'python3']);
  return withNetLab(async (lab) => {
    const a = await tapIn(lab, 'hold');
    lab.start(a, NODE, udpSender('10.80.0.2', 1000, 200));
    await whenHappening(
      'tap0 tx drops >= 500/s (its ring full)',
      () => [ifStat(a, 'tap0', 'tx_dropped')],
      ([d]) => d! >= 500,
    );
    return lab.capture(a, WINDOW_S);
  });
});

/**
 * Throughput near the link speed: a TAP device drained by its reader, its
 * link speed set to 10 Mbit/s (`ethtool -s tap0 speed 10`: a tun device's
 * speed is what its owner declares, as a hypervisor does for a VM's NIC), and
 * a UDP sender paced at 900 datagrams/s of 1200 bytes: 1242-byte frames,
 * about 8.9 Mbit/s out of tap0. The capture's net-speed snapshot
 * (/sys/class/net/tap0/speed) gives the speed the rule judges against.
 */
export const tapNearSpeed = memoLocked((): Promise<Recording> => {
  need('net-throughput (TAP device at its link speed)', ['ip', 'python3', 'ethtool']);
  return withNetLab(async (lab) => {
    const a = await tapIn(lab, 'drain');
    sh('ip', ['netns', 'exec', a, 'ethtool', '-s', 'tap0', 'speed', '10', 'duplex', 'full', 'autoneg', 'off']);
    lab.start(a, NODE, udpSender('10.80.0.2', 900, 1200));
    await whenHappening(
      'tap0 tx >= 85% of 10 Mbit/s',
      () => [ifStat(a, 'tap0', 'tx_bytes')],
      ([bytes]) => bytes! * 8 >= 0.85 * 10e6,
    );
    return lab.capture(a, WINDOW_S);
  });
});

/**
 * A TIME_WAIT storm as a real client makes one: 20000 short connections from
 * namespace a to a server in namespace b over a veth pair, each closed by the
 * client, which holds the TIME_WAIT. Not on loopback: there the kernel's
 * default tcp_tw_reuse=2 reuses loopback TIME_WAIT ports for new connects, and
 * connect() takes even ports first, so a loopback storm stops at half the port
 * range (13840 of 28232 here, two recordings in a row), which no remote client
 * would see. Then the real capture script in a, within the 60 s TIME_WAIT lasts.
 */
export const timeWaitStormVeth = memoLocked((): Promise<Recording> => {
  need('tcp-time-wait (TIME_WAIT storm over veth)', ['ip']);
  return withNetLab(async (lab) => {
    const [a, b] = [lab.ns('tw-a'), lab.ns('tw-b')];
    sh('ip', ['link', 'add', 'tw0', 'netns', a, 'type', 'veth', 'peer', 'name', 'tw1', 'netns', b]);
    for (const [ns, dev, addr] of [
      [a, 'tw0', '10.81.0.1'],
      [b, 'tw1', '10.81.0.2'],
    ] as const) {
      lab.ip(ns, 'addr', 'add', `${addr}/24`, 'dev', dev);
      lab.ip(ns, 'link', 'set', dev, 'up');
    }
    lab.start(b, NODE, [
      '-e',
      `require('net').createServer((s) => { s.on('end', () => s.end()); s.on('error', () => {}); }).listen(18932, '10.81.0.2'); setTimeout(() => process.exit(0), ${TRAFFIC_MS});`,
    ]);
    // until 10.81.0.2:18932 listens (/proc/net/tcp: little-endian hex, state 0A)
    for (let i = 0; i < 100 && !/^\s*\d+: 0200510A:49F4 00000000:0000 0A /m.test(readIn(b, '/proc/net/tcp')); i++) await sleep(100);
    const storm = [
      "const net = require('net'); let started = 0, done = 0; const N = 20000;",
      "const one = () => { if (started >= N) return; started++; const c = net.connect(18932, '10.81.0.2', () => c.end()); c.on('close', () => { done++; one(); }); c.on('error', () => {}); };",
      'for (let k = 0; k < 64; k++) one(); setInterval(() => { if (done >= N) process.exit(0); }, 100);',
    ].join('\n');
    const client = background('ip', ['netns', 'exec', a, NODE, '-e', storm]);
    try {
      await new Promise<void>((r) => client.child.once('exit', () => r()));
    } finally {
      await client.stop();
    }
    return lab.capture(a, WINDOW_S);
  });
});
