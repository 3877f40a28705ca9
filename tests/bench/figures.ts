import { appendFileSync } from 'node:fs';

/** One measured figure of a benchmark, beside its goal. */
export interface Figure {
  /** The benchmark that measured it: `search`, `registration`, `mail registration`, `ingestion`, `bot`, `front ends`. */
  area: string;
  name: string;
  /** The figure as read: `p95 38 ms`, `412/s`, `1.13×`. */
  measured: string;
  /** The number the goal is checked on, in `unit`. */
  value: number;
  unit: string;
  /** The goal as the issue words it; null where the figure is reported without one. */
  goal: string | null;
  met: boolean | null;
}

/** Where `npm run bench` collects the figures of each benchmark it runs (one JSON line each). */
export const FIGURES_FILE_VARIABLE = 'DIARIUM_BENCH_FIGURES';

/** Hands a benchmark's figures to `npm run bench`; run alone, a benchmark prints them and this does nothing. */
export function reportFigures(figures: Figure[]): void {
  const file = process.env[FIGURES_FILE_VARIABLE];
  if (!file) return;
  appendFileSync(file, figures.map((f) => `${JSON.stringify(f)}\n`).join(''));
}
