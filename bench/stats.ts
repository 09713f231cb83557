/** Median, minimum and maximum of a series of runs. */
export interface Summary {
  median: number;
  min: number;
  max: number;
}

/** Summarizes `values` (at least one); an even count takes the mean of the two middle values. */
export function summarize(values: readonly number[]): Summary {
  if (values.length === 0) throw new RangeError('summarize needs at least one value');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1] };
}

/** `numerator / denominator` of two medians, rounded to 3 decimals so reports stay stable. */
export function ratio(numerator: Summary, denominator: Summary): number {
  return Math.round((numerator.median / denominator.median) * 1000) / 1000;
}
