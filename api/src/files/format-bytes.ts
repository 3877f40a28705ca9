const UNITS = ['kB', 'MB', 'GB', 'TB'] as const;
const STEP = 1024;
const decimals = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 1, useGrouping: false });

/**
 * A byte count as people read it in Swedish: `512 byte`, `1,5 kB`, `25 MB`.
 * Steps of 1024, as Windows and Outlook show file sizes, so a limit of 25 × 1024 × 1024
 * reads `25 MB`.
 */
export function formatBytes(bytes: number): string {
  if (!Number.isSafeInteger(bytes) || bytes < 0) {
    throw new RangeError(`formatBytes needs a whole number of bytes, got ${bytes}`);
  }
  if (bytes < STEP) return `${bytes} byte`;
  let unit = 0;
  let value = bytes / STEP;
  // Step up also when rounding would show "1024 kB".
  while (unit < UNITS.length - 1 && Math.round(value * 10) / 10 >= STEP) {
    value /= STEP;
    unit += 1;
  }
  return `${decimals.format(value)} ${UNITS[unit]}`;
}
