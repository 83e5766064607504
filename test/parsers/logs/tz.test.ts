/** Re-runs tz-probe.test.ts in a child process with TZ=Pacific/Chatham and a Turkish locale (TZ cannot be changed reliably in-process). */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../helpers/corpus.js';

describe('zone and locale independence', () => {
  it('tz-probe passes under TZ=Pacific/Chatham LC_ALL=tr_TR.UTF-8', () => {
    const r = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', 'test/parsers/logs/tz-probe.test.ts'], {
      cwd: REPO_ROOT,
      env: { ...process.env, TZ: 'Pacific/Chatham', LC_ALL: 'tr_TR.UTF-8', LANG: 'tr_TR.UTF-8', SITREP_TZ_CHILD: '1' },
      encoding: 'utf8',
      timeout: 120_000,
    });
    const out = `${r.stdout}\n${r.stderr}`;
    expect(r.status, out.slice(-3000)).toBe(0);
    expect(out.replace(/\u001b\[[0-9;]*m/g, '')).toMatch(/Tests +16 passed/);
  });
});
