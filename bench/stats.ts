/** Shared helpers for benchmarks: percentiles over samples and the one output format. */
export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] ?? NaN;
}

/** Prints `<bench>.<figure>: <value> <unit>` — the line format every benchmark uses. */
export function report(figure: string, value: number, unit: string): void {
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  console.log(`${figure}: ${value.toFixed(digits)} ${unit}`);
}

/** Wall time of an async function, in milliseconds. */
export async function timeMs(fn: () => Promise<unknown>): Promise<number> {
  const s = performance.now();
  await fn();
  return performance.now() - s;
}
