import type { Scenario } from '../lib/context';
import { ledgerWrites } from './s1-ledger-writes';
import { customerQueries } from './s2-customer-queries';
import { dashboard } from './s3-dashboard';
import { exportCsv } from './s4-export';
import { webhooks } from './s5-webhooks';
import { upstream } from './s6-upstream';
import { ipc } from './s7-ipc';
import { startup } from './s8-startup';
import { renderer } from './s9-renderer';

/** In the order of issue 9. */
export const scenarios: Scenario[] = [ledgerWrites, customerQueries, dashboard, exportCsv, webhooks, upstream, ipc, startup, renderer];
