/** eventSpan over as many events as a busy access log yields: no spread, so no stack overflow. */
import { describe, expect, it } from 'vitest';
import { eventSpan } from '../../src/rules/helpers.js';
import type { TimelineEvent } from '../../src/timeline/types.js';

describe('eventSpan', () => {
  it('spans 500,000 events (Math.min(...times) threw RangeError here)', () => {
    const base = Date.UTC(2026, 11, 5);
    const events = Array.from({ length: 500_000 }, (_, i) => ({ time: i === 7 ? null : base + ((i * 7919) % 500_000) }) as TimelineEvent);
    expect(eventSpan(events)).toEqual({ onset: base, end: base + 499_999 });
  });

  it('is null without a dated event', () => {
    expect(eventSpan([{ time: null } as TimelineEvent])).toEqual({ onset: null, end: null });
  });
});
