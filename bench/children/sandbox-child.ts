/**
 * The upstream sandbox for scenario 6, in its own process (its CPU is not the client's),
 * with the rate limit raised out of the way. Prints RESULT:{baseUrl, apiKey} and serves
 * until its stdin closes or it is killed.
 */
import { startSandbox } from '../../src/main/sandbox';
import { report } from '../lib/child';

const sandbox = await startSandbox({ rateLimit: { perSecond: 1_000_000_000, burst: 1_000_000_000 }, autoDeliverWebhooks: false });
report({ baseUrl: sandbox.proxiesSx.baseUrl, apiKey: sandbox.proxiesSx.apiKey });
const stop = () => void sandbox.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
