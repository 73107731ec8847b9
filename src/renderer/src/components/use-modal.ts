import { useEffect, useRef } from 'react';

/**
 * A native <dialog> shown modal while its component is mounted (focus stays inside,
 * Escape cancels) and closed when it unmounts.
 */
export function useModal() {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return ref;
}
