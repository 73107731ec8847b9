import { useMemo } from 'react';
import { hasChannel } from '../api/client';
import type { Command } from './commands';

/**
 * Actions reachable from anywhere through the palette. Each appears only when the
 * channels behind it exist in this build, so the palette never offers a dead end.
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
    if (hasChannel('accounts:create')) {
      list.push({ id: 'account:add', label: 'Add an upstream account', group: 'Settings', keywords: 'api key proxies.sx whozex connect', run: () => navigate('/settings') });
    }
    if (hasChannel('backups:create')) {
      list.push({ id: 'backup:now', label: 'Back up the ledger now', group: 'Settings', keywords: 'backup restore', run: () => navigate('/settings') });
    }
    if (hasChannel('demo:start')) {
      list.push({ id: 'sandbox:demo', label: 'Fill with demo data', group: 'Sandbox', keywords: 'demo try sample example', run: () => navigate('/settings') });
    }
    if (hasChannel('sandbox:reset')) {
      list.push({ id: 'sandbox:reset', label: 'Reset the sandbox', group: 'Sandbox', keywords: 'start over wipe fresh', run: () => navigate('/settings') });
      list.push({ id: 'sandbox:clock', label: 'Move sandbox time forward', group: 'Sandbox', keywords: 'clock demo expire days', run: () => navigate('/settings') });
    }
    list.push({ id: 'settings:poll', label: 'Change the polling interval', group: 'Settings', keywords: 'sync refresh', run: () => navigate('/settings') });
    return list;
  }, [navigate]);
}
