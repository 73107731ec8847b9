import type { AppInfo } from '../../../../shared/contract/app';
import { call } from '../../api/client';
import { useQuery } from '../../api/hooks';

/**
 * Said plainly where keys are added: without a system keychain the sandbox still works
 * (its keys are public), but a real upstream's key cannot be stored, and is never kept in
 * plain text instead.
 */
export function KeychainNotice() {
  const info = useQuery<AppInfo>('app:info', () => call('app:info'));
  if (info.data?.keychainAvailable !== false) return null;
  return (
    <div className="callout" role="status" data-testid="keychain-notice">
      <p>
        <strong>Your system keychain is not available.</strong> The sandbox accounts work without it, but Reseller Desk can only keep the API key of a real
        Proxies.sx or Whozex account in the keychain, never in plain text.
      </p>
      <p>
        On Linux, install and unlock a Secret Service (GNOME Keyring: <code>sudo apt install gnome-keyring</code>, or KWallet) and sign in to a desktop
        session that unlocks it; on macOS and Windows, unlock your login keychain. Then restart Reseller Desk.
      </p>
    </div>
  );
}
