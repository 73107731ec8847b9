import type { Scenario } from '../lib/context';
import { ledgerWrites } from './s1-ledger-writes';
import { customerQueries } from './s2-customer-queries';
import { dashboard } from './s3-dashboard';

/** In the order of issue 9. */
export const scenarios: Scenario[] = [ledgerWrites, customerQueries, dashboard];
