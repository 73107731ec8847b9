import type { App } from 'electron';

/**
 * One Reseller Desk per data folder: two processes writing one ledger and polling the
 * same upstreams would double every alert. A second launch hands over to the first (which
 * shows its window) and quits. The lock lives in userData, so set that path first.
 * Returns whether this process is the one that runs.
 */
export function acquireSingleInstance(app: Pick<App, 'requestSingleInstanceLock' | 'quit' | 'on'>, onSecondInstance: () => void): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', () => onSecondInstance());
  return true;
}
