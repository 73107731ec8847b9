import { errorMessage } from '../api/client';
import { useUi } from '../state/ui-store';

/**
 * Runs an action chosen in the palette and says how it went: the palette closes at once,
 * so the notice is the reseller's only answer (an error stays until dismissed).
 */
export async function runAndTell(action: () => Promise<string>): Promise<void> {
  const { notify } = useUi.getState();
  try {
    notify('success', await action());
  } catch (error) {
    notify('error', errorMessage(error));
  }
}
