import type { AppContext } from '../app-context';
import type { EventPayload } from '../../shared/contract';
import { getTrayFeed } from '../services/alerts';
import { startAppServices } from '../services/app-services';
import { createElectronTrayService } from './tray-electron';
import { feedTray } from './tray-feed';
import type { TrayService } from './tray-service';

export interface ShellHooks {
  /** Shows the window on a renderer route ("/" for the dashboard). */
  openPage(page: string): void;
  /** A real quit (the window closes even when it would hide to the tray). */
  quit(): void;
  resourcesDir: string;
}

export interface BackgroundServices {
  /** Undefined when the desktop has no tray (some Linux panels). */
  readonly tray: TrayService | undefined;
  /** Whether alert notifications are paused from the tray menu. */
  alertsPaused(): boolean;
  stop(): Promise<void>;
}

type Stop = () => Promise<void> | void;

/**
 * Everything that runs in the background of the desktop app, started once the ledger is
 * open and the IPC bridge is registered, stopped (in reverse order) before ctx.close().
 *
 * ─── LEAD: PLUG-IN POINT ───────────────────────────────────────────────────────────
 * Add each service below as `start → push its stop onto stops`:
 *   1. the embedded sandbox on first run (no provider account yet → start the simulators
 *      on 127.0.0.1 and add sandbox accounts),
 *   2. the webhook listener,
 *   3. the sync poller (the tray's "Sync now" already runs ctx.sync.run()),
 *   4. alerts in the tray: pass `openAlerts` to feedTray below (balances are already fed
 *      from the ledger) and call `tray.notifyNewAlerts(alerts)` when alert rules raise
 *      new ones; `alertsPaused()` says whether the user paused them from the tray.
 * ────────────────────────────────────────────────────────────────────────────────────
 */
export async function startBackgroundServices(ctx: AppContext, shell: ShellHooks): Promise<BackgroundServices> {
  const stops: Stop[] = [];
  let paused = false;

  // The plain-Node services (embedded sandbox on first run, daily backups, …).
  stops.push(await startAppServices(ctx));

  let tray: TrayService | undefined;
  try {
    tray = createElectronTrayService({
      resourcesDir: shell.resourcesDir,
      openPage: shell.openPage,
      onQuit: shell.quit,
      onSyncNow: () => {
        ctx.sync.run().catch((error: unknown) => ctx.log.warn('Sync from the tray failed', { error: error instanceof Error ? error.message : String(error) }));
      },
      onPauseChange: (next) => {
        paused = next;
      },
    });
    tray.start({ balances: [], openAlerts: [], paused });
    const started = tray;
    stops.push(() => started.stop());
    stops.push(feedTray(ctx, started, { alertsPaused: () => paused, openAlerts: () => getTrayFeed(ctx).openAlerts }));
    // One native notification per new alert; the tray service never repeats an id.
    stops.push(
      ctx.bus.subscribe((name, payload) => {
        if (name !== 'event:alert-raised') return;
        const alert = payload as EventPayload<'event:alert-raised'>;
        started.notifyNewAlerts([{ id: alert.id, title: alert.title, page: alert.page, body: alert.body }]);
      }),
    );
  } catch (error) {
    // A desktop without a status area still runs the app; it just cannot hide to the tray.
    ctx.log.warn('No system tray available', { error: error instanceof Error ? error.message : String(error) });
    tray = undefined;
  }

  return {
    tray,
    alertsPaused: () => paused,
    async stop() {
      for (const stop of stops.reverse()) {
        try {
          await stop();
        } catch (error) {
          ctx.log.error('A background service failed to stop', { error: error instanceof Error ? error.message : String(error) });
        }
      }
    },
  };
}
