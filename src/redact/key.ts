/**
 * The local redaction key. Aliases are HMAC-SHA256 of the value under this key,
 * so the same value gets the same alias in every bundle redacted with it (one
 * incident's hosts, a later baseline) without a map ever leaving the laptop.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { SitrepError } from '../errors.js';

/** $XDG_CONFIG_HOME/sitrep/redact.key, else ~/.config/sitrep/redact.key. */
export function defaultKeyPath(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME.startsWith('/') ? env.XDG_CONFIG_HOME : join(homedir(), '.config');
  return join(base, 'sitrep', 'redact.key');
}

/**
 * Reads the key at `path`; creates it (0600, exclusive) when `create` and it
 * does not exist. A key shorter than 16 bytes is refused: it would make the
 * aliases guessable by brute force over the small spaces of IPs and names.
 */
export function loadKey(path: string, create: boolean): Buffer {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT' || !create) {
      throw new SitrepError('INPUT_UNREADABLE', `cannot read the redaction key: ${(e as Error).message}`, { file: path });
    }
    text = randomBytes(32).toString('hex');
    try {
      mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
      writeFileSync(path, `${text}\n`, { mode: 0o600, flag: 'wx' });
    } catch (w) {
      // Another sitrep created it first: use theirs, so both runs agree.
      if ((w as NodeJS.ErrnoException).code === 'EEXIST') return loadKey(path, false);
      throw new SitrepError('OUTPUT_FAILED', `cannot create the redaction key: ${(w as Error).message}`, { file: path });
    }
  }
  const key = Buffer.from(text.trim(), /^[0-9a-f]+$/i.test(text.trim()) ? 'hex' : 'utf8');
  if (key.length < 16) throw new SitrepError('USAGE', 'the redaction key is shorter than 16 bytes', { file: path });
  return key;
}
