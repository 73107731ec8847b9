/** The two sizes the bench runs at: the full scale and `--quick` for iterating. */
export interface BenchScale {
  name: 'full' | 'quick';
  /** The data set (customers, services rows, journal transactions). */
  customers: number;
  ports: number;
  transactions: number;
  /** Scenario 1: sales posted. */
  sales: number;
  /** Scenario 1: sales committed one by one (synchronous=FULL), a smaller sample. */
  salesPerCommit: number;
  /** Scenario 4: journal postings exported (flatness: the small and the large export). */
  exportPostings: [small: number, large: number];
  /** Scenario 5: deliveries and concurrent requests. */
  webhookDeliveries: number;
  webhookConcurrency: number;
  /** Scenario 5 at data-set scale: time budget for deliveries (one at a time). */
  webhookScaledBudgetMs: number;
  /** Scenario 6: GETs and concurrent requests. */
  upstreamGets: number;
  upstreamConcurrency: number;
  /** Scenario 7: calls per input size. */
  ipcCalls: number;
  /** Scenario 8: fresh processes. */
  startupRuns: number;
  /** Scenario 9: page loads and searches. */
  rendererRuns: number;
}

export const SCALES: Record<BenchScale['name'], BenchScale> = {
  full: {
    name: 'full',
    customers: 100_000,
    ports: 1_000_000,
    transactions: 1_000_000,
    sales: 100_000,
    salesPerCommit: 2_000,
    exportPostings: [100_000, 1_000_000],
    webhookDeliveries: 10_000,
    webhookConcurrency: 16,
    webhookScaledBudgetMs: 15_000,
    upstreamGets: 10_000,
    upstreamConcurrency: 8,
    ipcCalls: 20_000,
    startupRuns: 3,
    rendererRuns: 3,
  },
  quick: {
    name: 'quick',
    customers: 10_000,
    ports: 100_000,
    transactions: 100_000,
    sales: 10_000,
    salesPerCommit: 300,
    exportPostings: [10_000, 100_000],
    webhookDeliveries: 1_000,
    webhookConcurrency: 16,
    webhookScaledBudgetMs: 4_000,
    upstreamGets: 1_000,
    upstreamConcurrency: 8,
    ipcCalls: 3_000,
    startupRuns: 2,
    rendererRuns: 2,
  },
};
