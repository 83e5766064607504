/** File names in messages, whichever separator the path was written with (Windows, macOS, Linux). */
import { describe, expect, it } from 'vitest';
import { shownName } from '../../src/cli/paths.js';

describe('shownName', () => {
  it.each([
    ['/home/me/captures/web1-20261126T050000Z.tar.gz', 'web1-20261126T050000Z.tar.gz'],
    ['C:\\Users\\me\\captures\\web1-20261126T050000Z.tar.gz', 'web1-20261126T050000Z.tar.gz'],
    ['C:/Users/me\\captures/web1.tar.gz', 'web1.tar.gz'],
    ['\\\\server\\share\\db1.tgz', 'db1.tgz'],
    ['captures\\web1\\', 'web1'],
    ['captures/web1/', 'web1'],
    ['web1.tar.gz', 'web1.tar.gz'],
    ['/', '/'],
  ])('%s → %s', (path, name) => {
    expect(shownName(path)).toBe(name);
  });
});
