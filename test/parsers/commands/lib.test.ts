/**
 * The shared helpers against the behaviour they copy: jc.utils'
 * convert_to_int / convert_to_float / convert_size_to_int (examples from jc's
 * own docstrings and Python's int()/float() rules) and sysstat's time forms.
 */
import { describe, expect, it } from 'vitest';
import { convertSizeToInt, convertToFloat, convertToInt, simpleRow, splitMax } from '../../../src/parsers/commands/lib/jc.js';
import { DayClock, parseDateToken, parseReportStamp, parseTimeOfDay, sysstatHeaderDate } from '../../../src/parsers/commands/lib/sysstat-time.js';

describe('jc conversions', () => {
  it('convert_to_int strips all but digits, - and . then reads like Python', () => {
    expect(convertToInt('1:08')).toBe(108); // why top's uptime "1:08" is 108 in jc
    expect(convertToInt('2 min')).toBe(2);
    expect(convertToInt('rt')).toBeNull();
    expect(convertToInt('-20')).toBe(-20);
    expect(convertToInt('3.9')).toBe(3); // int(float('3.9'))
    expect(Object.is(convertToInt('-0'), 0)).toBe(true); // Python ints have no -0
    expect(convertToInt('1-2')).toBeNull();
  });
  it('convert_to_float', () => {
    expect(convertToFloat('125.1m')).toBe(125.1);
    expect(convertToFloat('0.00')).toBe(0);
    expect(Object.is(convertToFloat('-0.00'), -0)).toBe(true); // Python keeps -0.0
    expect(convertToFloat('.5')).toBe(0.5);
    expect(convertToFloat('-')).toBeNull();
  });
  it('convert_size_to_int (decimal), examples of jc.utils', () => {
    expect(convertSizeToInt('42')).toBe(42);
    expect(convertSizeToInt('13b')).toBe(13);
    expect(convertSizeToInt('5 bytes')).toBe(5);
    expect(convertSizeToInt('1 KB')).toBe(1000);
    expect(convertSizeToInt('1 kilobyte')).toBe(1000);
    expect(convertSizeToInt('1 KiB')).toBe(1024);
    expect(convertSizeToInt('1 kibibyte')).toBe(1024);
    expect(convertSizeToInt('1.5 GB')).toBe(1500000000);
    expect(convertSizeToInt('3.7G')).toBe(3700000000);
    expect(convertSizeToInt('0B')).toBe(0);
  });
  it('Python split(None, n) keeps the rest whole', () => {
    expect(splitMax('  a  b   c d  ', 2)).toEqual(['a', 'b', 'c d']);
    expect(simpleRow(['x', 'cmd'], ' 1  /usr/bin/foo --bar  ')).toEqual({ x: '1', cmd: '/usr/bin/foo --bar' });
  });
});

describe('sysstat times', () => {
  it('dates', () => {
    expect(parseDateToken('11/30/2021')).toEqual({ year: 2021, month: 11, day: 30 });
    expect(parseDateToken('09/26/21')).toEqual({ year: 2021, month: 9, day: 26 });
    expect(parseDateToken('2026-11-26')).toEqual({ year: 2026, month: 11, day: 26 });
    expect(parseDateToken('26/11/2026')).toEqual({ year: 2026, month: 11, day: 26 });
    expect(sysstatHeaderDate('Linux 3.10.0-1062.1.2.el7.x86_64 (localhost.localdomain) \t11/30/2021 \t_x86_64_\t(1 CPU)')).toEqual({
      year: 2021,
      month: 11,
      day: 30,
    });
    expect(sysstatHeaderDate('Linux is great')).toBeNull();
  });
  it('12-hour times: 12 AM is midnight, 12 PM is noon', () => {
    expect(parseTimeOfDay('12:06:39 AM')).toBe(6 * 60 + 39);
    expect(parseTimeOfDay('12:06:39 PM')).toBe(12 * 3600 + 6 * 60 + 39);
    expect(parseTimeOfDay('03:14:20 PM')).toBe(15 * 3600 + 14 * 60 + 20);
    expect(parseTimeOfDay('13:14:20 PM')).toBeNull();
    expect(parseTimeOfDay('15:14:20')).toBe(15 * 3600 + 14 * 60 + 20);
  });
  it('report stamps', () => {
    const clock = { tzName: 'Europe/Berlin' };
    expect(parseReportStamp('2026-11-26T05:15:50+0000', clock)).toEqual({ epochMs: Date.UTC(2026, 10, 26, 5, 15, 50), quality: 'exact' });
    expect(parseReportStamp('06/13/2018 02:10:50 PM', clock)).toEqual({ epochMs: Date.UTC(2018, 5, 13, 12, 10, 50), quality: 'host-zone' });
    expect(parseReportStamp('avg-cpu:  %user', clock)).toBeNull();
  });
  it('the day rolls at midnight, not at a DST fall-back hour', () => {
    const c = new DayClock({ year: 2026, month: 10, day: 24 }, { tzName: 'Europe/Berlin' });
    expect(c.at(23 * 3600 + 59 * 60 + 59)?.epochMs).toBe(Date.UTC(2026, 9, 24, 21, 59, 59));
    expect(c.at(1)?.epochMs).toBe(Date.UTC(2026, 9, 24, 22, 0, 1)); // 00:00:01 on the 25th, CEST
    expect(c.at(2 * 3600 + 30 * 60)?.epochMs).toBe(Date.UTC(2026, 9, 25, 0, 30)); // 02:30, first (CEST) pass
    expect(c.at(2 * 3600 + 10 * 60)?.epochMs).toBe(Date.UTC(2026, 9, 25, 0, 10)); // back 20 min: same day (an ambiguous hour reads as its first pass, see time.ts)
  });
});
