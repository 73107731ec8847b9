import type { EventName, EventPayload } from '../shared/contract';

type Listener = (name: EventName, payload: unknown) => void;

/**
 * Push events from services to whoever shows them: the shell forwards them to the
 * window, the e2e harness to the Chromium page, the tray to its menu.
 */
export class EventBus {
  private readonly listeners = new Set<Listener>();

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(name, payload);
      } catch {
        // A failing listener must not stop the others or the service that emitted.
      }
    }
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
