/** Calendar periods in the reseller's local time, as ISO instants for main's period queries. */
export interface Period {
  label: string;
  from: string;
  to: string;
}

const monthLabel = new Intl.DateTimeFormat(undefined, { month: 'short', year: '2-digit' });

export function monthPeriod(now: Date, monthsBack: number): Period {
  const start = new Date(now.getFullYear(), now.getMonth() - monthsBack, 1);
  const end = new Date(now.getFullYear(), now.getMonth() - monthsBack + 1, 1);
  return { label: monthLabel.format(start), from: start.toISOString(), to: (monthsBack === 0 ? now : end).toISOString() };
}

/** The last `count` months, oldest first, the current month (to now) last. */
export function lastMonths(now: Date, count: number): Period[] {
  return Array.from({ length: count }, (_, i) => monthPeriod(now, count - 1 - i));
}
