import { useMemo } from 'react';
import { call, hasChannel } from '../api/client';
import { formatDateTime, plural } from '../lib/format';
import type { Command } from './commands';
import { runAndTell } from './run-and-tell';

/**
 * Actions reachable from anywhere through the palette. An action that needs no choice runs
 * at once (back up, sync, check the upstreams, move sandbox time); one that needs a form
 * or a confirmation opens the screen where it is made. Each appears only when the
 * channels behind it exist in this build, so the palette never offers a dead end.
 * Screens add their own (a customer's, the pricebook's, …) with useRegisterCommands.
 */
export function useGlobalActions(navigate: (to: string) => void): Command[] {
  return useMemo(() => {
    const list: Command[] = [];
    if (hasChannel('customers:create')) {
      list.push({ id: 'customer:new', label: 'New customer', group: 'Customers', keywords: 'create add client', run: () => navigate('/customers/new') });
    }
    if (hasChannel('customers:import-preview')) {
      list.push({ id: 'customer:import', label: 'Import customers from CSV', group: 'Customers', keywords: 'csv upload bulk', run: () => navigate('/customers/import') });
    }
    if (hasChannel('customers:list')) {
      list.push({ id: 'customer:find', label: 'Find a customer', group: 'Customers', keywords: 'search', run: () => navigate('/customers') });
    }
    if (hasChannel('payments:record')) {
      list.push({ id: 'payment:record', label: 'Record a payment…', group: 'Money', hint: 'choose a customer', keywords: 'pay money', run: () => navigate('/customers') });
    }
    if (hasChannel('proxies:create')) {
      list.push({ id: 'port:new', label: 'New port (Proxies.sx)', group: 'Proxies', keywords: 'create proxy mobile', run: () => navigate('/proxies/new') });
    }
    if (hasChannel('packages:create')) {
      list.push({ id: 'package:new', label: 'New package (Whozex)', group: 'Proxies', keywords: 'create traffic gb residential', run: () => navigate('/proxies/packages/new') });
    }
    if (hasChannel('pricing:quote')) {
      list.push({ id: 'pricing:calc', label: 'Price calculator', group: 'Pricing', keywords: 'quote margin pricebook', run: () => navigate('/pricing') });
    }
    if (hasChannel('accounts:add')) {
      list.push({ id: 'account:add', label: 'Add an upstream account', group: 'Settings', keywords: 'api key proxies.sx whozex connect', run: () => navigate('/settings') });
    }
    if (hasChannel('upstream-reports:statement')) {
      list.push({
        id: 'upstream:transactions',
        label: 'Upstream transactions',
        group: 'Upstreams',
        keywords: 'statement history deposit purchase add gb books ledger compare whozex proxies.sx',
        run: () => navigate('/settings/upstream-transactions'),
      });
    }
    if (hasChannel('sync:run')) {
      list.push({
        id: 'sync:all',
        label: 'Sync all upstream accounts now',
        group: 'Upstreams',
        keywords: 'refresh pull import balance',
        run: () =>
          runAndTell(async () => {
            const runs = await call('sync:run', {});
            const failed = runs.filter((r) => r.status === 'failed').length;
            const cancelled = runs.filter((r) => r.status === 'cancelled' || r.status === 'interrupted').length;
            const synced = runs.length - failed - cancelled;
            const notes = [failed > 0 ? `${failed} failed (see Settings)` : '', cancelled > 0 ? `${cancelled} stopped` : ''].filter(Boolean);
            return notes.length ? `Synced ${plural(synced, 'account')}; ${notes.join(', ')}.` : `Synced ${plural(synced, 'account')}.`;
          }),
      });
    }
    if (hasChannel('poller:run-now')) {
      list.push({
        id: 'poll:now',
        label: 'Check the upstreams now',
        group: 'Upstreams',
        keywords: 'poll status expiry balance events',
        run: () =>
          runAndTell(async () => {
            const results = await call('poller:run-now', {});
            return `Checked ${plural(results.length, 'upstream account')}.`;
          }),
      });
    }
    if (hasChannel('backups:create')) {
      list.push({
        id: 'backup:now',
        label: 'Back up the ledger now',
        group: 'Settings',
        keywords: 'backup save copy',
        run: () =>
          runAndTell(async () => {
            const backup = await call('backups:create');
            return `Ledger backed up (${backup.name}).`;
          }),
      });
      list.push({ id: 'backup:restore', label: 'Restore a backup…', group: 'Settings', keywords: 'restore undo', run: () => navigate('/settings') });
    }
    if (hasChannel('sandbox:advance-clock')) {
      list.push({
        id: 'sandbox:clock',
        label: 'Move sandbox time forward by a day',
        group: 'Sandbox',
        keywords: 'clock demo expire days time',
        run: () =>
          runAndTell(async () => {
            const s = await call('sandbox:advance-clock', { days: 1 });
            return `Sandbox time is now ${formatDateTime(s.now)}. Expiries and usage follow.`;
          }),
      });
    }
    if (hasChannel('demo:start')) {
      list.push({ id: 'sandbox:demo', label: 'Fill with demo data…', group: 'Sandbox', keywords: 'demo try sample example', run: () => navigate('/settings') });
    }
    if (hasChannel('sandbox:reset')) {
      list.push({ id: 'sandbox:reset', label: 'Reset the sandbox…', group: 'Sandbox', keywords: 'start over wipe fresh', run: () => navigate('/settings') });
    }
    if (hasChannel('data-folder:open')) {
      list.push({
        id: 'data:open',
        label: 'Open the data folder',
        group: 'Settings',
        keywords: 'files ledger location finder explorer',
        run: () =>
          runAndTell(async () => {
            await call('data-folder:open');
            return 'The data folder is open in your file manager.';
          }),
      });
      list.push({ id: 'data:move', label: 'Move the data to another folder…', group: 'Settings', keywords: 'location disk relocate', run: () => navigate('/settings') });
    }
    list.push({ id: 'settings:poll', label: 'Change the polling interval', group: 'Settings', keywords: 'sync refresh', run: () => navigate('/settings') });
    list.push({ id: 'settings:webhooks', label: 'Webhook listener settings', group: 'Settings', keywords: 'port url register', run: () => navigate('/settings') });
    list.push({ id: 'settings:alerts', label: 'Edit alert rules', group: 'Settings', keywords: 'alert default threshold', run: () => navigate('/settings') });
    return list;
  }, [navigate]);
}
