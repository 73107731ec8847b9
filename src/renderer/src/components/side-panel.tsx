import { useEffect, useRef, type ReactNode } from 'react';
import { Icon } from './icons';

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

function focusablesIn(root: HTMLElement): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>(FOCUSABLE)).filter((el) => el.getClientRects().length > 0);
}

/** Something modal on top of the panel (the palette, a confirm <dialog>) keeps its own focus. */
function somethingAbove(panel: HTMLElement): boolean {
  const modal = document.querySelector('dialog[open], [aria-modal="true"]');
  return modal !== null && !panel.contains(modal);
}

/**
 * A panel sliding over the right of the content for create/edit forms. While it is open
 * Tab stays inside it; Escape closes it (not while it saves: `busy`, or a busy button in
 * its footer), and focus goes back to what opened it, so a keyboard user carries on there.
 */
export function SidePanel({ title, onClose, children, footer, busy = false }: { title: string; onClose(): void; children: ReactNode; footer?: ReactNode; busy?: boolean }) {
  const ref = useRef<HTMLElement>(null);

  useEffect(() => {
    const panel = ref.current;
    if (!panel) return;
    // Read here, not at render: a palette closing in the same commit has given focus back by now.
    const opener = document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null;
    (panel.querySelector<HTMLElement>('input:not([disabled]), select:not([disabled]), textarea:not([disabled])') ?? focusablesIn(panel)[0])?.focus();

    function trapTab(e: KeyboardEvent) {
      if (e.key !== 'Tab' || e.defaultPrevented || !panel || somethingAbove(panel)) return;
      const items = focusablesIn(panel);
      if (items.length === 0) return;
      const first = items[0]!;
      const last = items[items.length - 1]!;
      const inside = panel.contains(document.activeElement);
      if (!inside || (e.shiftKey && document.activeElement === first) || (!e.shiftKey && document.activeElement === last)) {
        e.preventDefault();
        (e.shiftKey ? last : first).focus();
      }
    }
    document.addEventListener('keydown', trapTab);
    return () => {
      document.removeEventListener('keydown', trapTab);
      // Only when focus was in the panel (now removed, so on the body): never steal it from where the close sent it.
      const active = document.activeElement;
      if (active && active !== document.body && !panel.contains(active)) return;
      const target = opener?.isConnected ? opener : document.querySelector<HTMLElement>('main h1');
      target?.focus();
    };
  }, []);

  function isBusy() {
    return busy || ref.current?.querySelector('.side-panel-foot [aria-busy="true"]') != null;
  }

  return (
    <aside
      ref={ref}
      className="side-panel"
      role="dialog"
      aria-label={title}
      onKeyDown={(e) => {
        // A <dialog> opened from the panel handles its own Escape (React bubbles it here).
        if (e.key !== 'Escape' || e.defaultPrevented || (e.target as Element).closest('dialog')) return;
        e.stopPropagation();
        if (!isBusy()) onClose();
      }}
    >
      <div className="side-panel-head">
        <h2>{title}</h2>
        <button type="button" className="icon-btn" aria-label="Close" disabled={busy} onClick={onClose}>
          <Icon name="close" />
        </button>
      </div>
      <div className="side-panel-body">{children}</div>
      {footer && <div className="side-panel-foot">{footer}</div>}
    </aside>
  );
}
