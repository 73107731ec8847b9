import { useDelayedFlag } from '../api/hooks';
import { useActivity } from '../state/activity-store';

/** A thin bar at the top of the window while any call to main runs for more than 200 ms. */
export function GlobalProgress() {
  const pending = useActivity((s) => s.pending);
  const show = useDelayedFlag(pending > 0);
  return show ? <div className="global-progress" role="progressbar" aria-label="Working…" /> : null;
}
