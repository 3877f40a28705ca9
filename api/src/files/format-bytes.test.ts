import { describe, expect, it } from 'vitest';
import { formatBytes } from './format-bytes.ts';

describe('formatBytes', () => {
  it('writes sizes the way a Swedish reader expects, with a decimal comma', () => {
    expect(formatBytes(0)).toBe('0 byte');
    expect(formatBytes(1)).toBe('1 byte');
    expect(formatBytes(1023)).toBe('1023 byte');
    expect(formatBytes(1024)).toBe('1 kB');
    expect(formatBytes(1536)).toBe('1,5 kB');
    expect(formatBytes(25 * 1024 * 1024)).toBe('25 MB');
    expect(formatBytes(2.25 * 1024 * 1024 * 1024)).toBe('2,3 GB');
  });

  it('moves to the next unit rather than show 1024 of one', () => {
    expect(formatBytes(1024 * 1024 - 1)).toBe('1 MB');
  });

  it('refuses what is not a byte count', () => {
    expect(() => formatBytes(-1)).toThrow(RangeError);
    expect(() => formatBytes(1.5)).toThrow(RangeError);
    expect(() => formatBytes(Number.NaN)).toThrow(RangeError);
  });
});
