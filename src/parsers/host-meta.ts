/** Typed facts from a bundle's meta.txt (docs/bundle-format.md) for the host loader. */
import { metaMs, metaNumber } from '../bundle/manifest.js';
import type { BundleMeta } from '../bundle/types.js';
import type { HostClock } from './types.js';

/** The host clock facts of meta.txt: zone, offset, capture start, boot, monotonic pair. */
export function metaClock(meta: BundleMeta): HostClock {
  const clock: HostClock = {};
  if (meta.tz_name) clock.tzName = meta.tz_name;
  const off = /^([+-])(\d{2}):?(\d{2})$/.exec(meta.utc_offset ?? '');
  if (off) clock.utcOffsetMin = (off[1] === '-' ? -1 : 1) * (Number(off[2]) * 60 + Number(off[3]));
  const start = metaMs(meta, 'start_epoch');
  if (start !== null) clock.captureStartMs = start;
  const boot = metaMs(meta, 'boot_epoch');
  if (boot !== null) clock.bootMs = boot;
  const mono = metaNumber(meta, 'mono_at_start');
  if (mono !== null) clock.monoAtStartS = mono;
  return clock;
}
