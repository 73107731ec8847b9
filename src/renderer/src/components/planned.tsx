import type { ReactNode } from 'react';
import { EmptyState } from './ui';
import type { IconName } from './icons';

/**
 * An honest placeholder for a screen whose services are not in this build yet: it says
 * what will come, and what the reseller can do meanwhile. Screens switch to their real
 * content as soon as the channels they need exist (see `hasChannel`).
 */
export function Planned({ icon, title, items, children }: { icon: IconName; title: string; items: string[]; children?: ReactNode }) {
  return (
    <EmptyState icon={icon} title={title}>
      <p>
        <span className="badge badge-planned">Coming in a later version</span>
      </p>
      <ul className="planned-list">
        {items.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
      {children}
    </EmptyState>
  );
}
