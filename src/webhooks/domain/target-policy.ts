import { BlockList, isIP } from 'node:net';

/**
 * Where a webhook may be sent (API.md "Integrations"): the server must not become a way to reach
 * its own network (SSRF). Checked at registration and again on every delivery on the addresses
 * the name resolves to then (DNS rebinding); the connection goes to the address checked.
 */
export const WEBHOOK_URL_MAX_LENGTH = 2_000;

/** Loopback, private, link-local, shared, multicast and reserved ranges (IANA special-purpose registries). */
const NOT_PUBLIC = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  NOT_PUBLIC.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['64:ff9b:1::', 48],
  ['100::', 64],
  ['2001::', 23],
  ['2001:db8::', 32],
  ['2002::', 16],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const) {
  NOT_PUBLIC.addSubnet(network, prefix, 'ipv6');
}

/** True for an address on the public Internet; an IPv4-mapped IPv6 address is judged as its IPv4. */
export function isPublicAddress(address: string): boolean {
  const plain = unmapped(address);
  const family = isIP(plain);
  if (family === 0) return false;
  return !NOT_PUBLIC.check(plain, family === 4 ? 'ipv4' : 'ipv6');
}

/** ::ffff:a.b.c.d and ::ffff:hhhh:hhhh (as URL parsing writes it) -> a.b.c.d. */
function unmapped(address: string): string {
  const dotted = /^(?:0{0,4}:){0,5}:?ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (dotted) return dotted[1];
  const hex = /^(?:0{0,4}:){0,5}:?ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (!hex) return address;
  const high = parseInt(hex[1], 16);
  const low = parseInt(hex[2], 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

export type UrlProblem = { readonly message: string };

/**
 * The URL's own rules: http(s), a host, no credentials (they would show in every list), no
 * fragment, bounded length. Returns the parsed URL or the problem.
 */
export function parseWebhookUrl(raw: string): URL | UrlProblem {
  if (raw.length > WEBHOOK_URL_MAX_LENGTH) return { message: `The URL is longer than ${WEBHOOK_URL_MAX_LENGTH} characters.` };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { message: 'The URL is not valid.' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { message: 'The URL must be http or https.' };
  if (!url.hostname) return { message: 'The URL has no host.' };
  if (url.username || url.password) return { message: 'The URL must not carry credentials; the signature authenticates deliveries.' };
  if (url.hash) return { message: 'The URL must not have a fragment.' };
  return url;
}

/** The host to resolve: an IPv6 literal without its brackets. */
export function hostOf(url: URL): string {
  return url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
}

/**
 * Judges the addresses a target resolves to: every one must be public (an attacker's name may
 * return a public and a private address), unless private targets are allowed.
 */
export function checkAddresses(addresses: readonly string[], allowPrivate: boolean): UrlProblem | null {
  if (addresses.length === 0) return { message: 'The target host does not resolve.' };
  if (allowPrivate) return null;
  if (addresses.some((address) => !isPublicAddress(address))) {
    return { message: 'The target resolves to a loopback, private or reserved address; such targets are refused.' };
  }
  return null;
}
