/** I/O errors, file-system errors and read-only remounts in the kernel log. */
import type { Rule } from '../types.js';
import { eventFindings } from '../helpers.js';

export const diskErrors: Rule = {
  meta: {
    id: 'disk-errors',
    resource: 'storage-io',
    signal: 'errors',
    severity: 'critical',
    title: 'Storage errors',
    options: {},
    explanation:
      'Block-layer I/O errors, file-system errors (EXT4-fs error, XFS corruption) and read-only remounts in the kernel log: a device or file system failed requests. Writes fail or block, so everything above it fails in turn.',
    nextCommands: ['dmesg | grep -i -e "i/o error" -e "ext4-fs error" -e xfs -e "read-only"', 'smartctl -a /dev/<disk>', 'mount | grep "ro,"'],
  },
  check(ctx) {
    const label = { ioError: 'I/O error', fsError: 'file-system error', readOnly: 'read-only remount' } as const;
    return eventFindings(ctx, this.meta, ['ioError', 'fsError', 'readOnly'], (n, c) => `${n} ${label[c as keyof typeof label]} line(s) in the kernel log`);
  },
};
