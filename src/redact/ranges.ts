/**
 * Which addresses are kept as they are, and where aliases land (docs/redaction.md).
 * The verification trusts exactly these ranges, so they live in one place.
 */

export const ALIAS_MAC_OUI = '02:00:5e:'; // locally administered (bit 0x02), never a vendor's

/** `a.b.c.d` (each 1-3 digits, at most 255) as a number, else null. A char loop: it runs once per address seen. */
export function ipv4ToInt(ip: string): number | null {
  let n = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i <= ip.length; i++) {
    const c = i < ip.length ? ip.charCodeAt(i) : 0x2e;
    if (c === 0x2e) {
      if (digits === 0 || part > 255 || ++dots > 4) return null;
      n = n * 256 + part;
      part = 0;
      digits = 0;
    } else if (c >= 0x30 && c <= 0x39 && digits < 3) {
      part = part * 10 + (c - 0x30);
      digits++;
    } else return null;
  }
  return dots === 4 ? n : null;
}

export function intToIpv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

const inNet = (n: number, a: number, b: number, c: number, d: number, bits: number): boolean =>
  n >>> (32 - bits) === (((a << 24) | (b << 16) | (c << 8) | d) >>> 0) >>> (32 - bits);

/** 0/8 (unspecified), 127/8 (loopback), 169.254/16 (link-local), 224/3 (multicast, reserved, netmasks, broadcast). */
export function isKeptIpv4(n: number): boolean {
  return inNet(n, 0, 0, 0, 0, 8) || inNet(n, 127, 0, 0, 0, 8) || inNet(n, 169, 254, 0, 0, 16) || inNet(n, 224, 0, 0, 0, 3) || isAliasIpv4(n);
}

/** Where aliases land: 198.18.0.0/15 (private space) and TEST-NET-1/2/3 (public space). */
export function isAliasIpv4(n: number): boolean {
  return inNet(n, 198, 18, 0, 0, 15) || inNet(n, 192, 0, 2, 0, 24) || inNet(n, 198, 51, 100, 0, 24) || inNet(n, 203, 0, 113, 0, 24);
}

/** RFC 1918 and CGNAT (100.64/10): a site's own network. */
export function isPrivateIpv4(n: number): boolean {
  return inNet(n, 10, 0, 0, 0, 8) || inNet(n, 172, 16, 0, 0, 12) || inNet(n, 192, 168, 0, 0, 16) || inNet(n, 100, 64, 0, 0, 10);
}

/**
 * net-tools' netstat joins address and port with a colon: `::1:631` is [::1]:631
 * and `::5432` [::]:5432, not addresses of the deprecated ::/96 (inet_ntop prints
 * those dotted, `::10.0.0.1`, which stays an IPv4 to alias). Kept, port and all.
 */
const LOOPBACK_OR_ANY_WITH_PORT = /^::(?:1:)?[0-9a-f]{1,4}$/;

/** ::, ::1 (with a port glued on by netstat), fe80::/10 (link-local), ff00::/8 (multicast), 2001:db8::/32 (documentation, where aliases land). */
export function isKeptIpv6(ip: string): boolean {
  const l = ip.toLowerCase();
  if (l === '::' || l === '::1' || LOOPBACK_OR_ANY_WITH_PORT.test(l)) return true;
  return /^fe[89ab][0-9a-f]:/.test(l) || /^ff[0-9a-f]{2}:/.test(l) || /^2001:0?db8:/.test(l);
}
