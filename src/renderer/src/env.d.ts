import type { Api } from '../../shared/contract';

declare global {
  interface Window {
    /** Built by the preload (or the e2e harness) from the contract; nothing else crosses. */
    readonly api: Api;
  }
}

export {};
