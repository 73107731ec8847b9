/**
 * GB from milli-GB, for display (traffic, never money). On its own so pages that show
 * traffic as text (a customer's services) do not pull the usage chart and recharts.
 */
export function gbText(milli: number): string {
  return `${(milli / 1000).toLocaleString(undefined, { maximumFractionDigits: 3 })} GB`;
}
