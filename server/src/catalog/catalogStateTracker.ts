// Holds the provider's state and tells listeners about transitions only: twenty
// requests failing the same way while offline are one change, not twenty, so the
// user sees one clear status instead of a storm.
import { CatalogState, CatalogSubscription } from '../language/model/catalogProvider';

export class CatalogStateTracker {
  private current: CatalogState;
  private readonly listeners = new Set<(state: CatalogState) => void>();

  constructor(
    initial: CatalogState,
    private readonly log: (line: string) => void,
  ) {
    this.current = initial;
  }

  get state(): CatalogState {
    return this.current;
  }

  /** Moves to `next` unless it is the same situation (kind, reason, host); a new error message alone does not count. */
  set(next: CatalogState): void {
    if (sameSituation(this.current, next)) return;
    this.current = next;
    this.log(`catalog: ${describeCatalogState(next)}`);
    for (const listener of [...this.listeners]) {
      try {
        listener(next);
      } catch (error) {
        this.log(`catalog: a state listener failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  subscribe(listener: (state: CatalogState) => void): CatalogSubscription {
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  }

  clear(): void {
    this.listeners.clear();
  }
}

export function describeCatalogState(state: CatalogState): string {
  return state.kind === 'offline' ? `offline (${state.reason}): ${state.message}` : `${state.kind}: ${state.message}`;
}

function sameSituation(a: CatalogState, b: CatalogState): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'offline' && b.kind === 'offline') return a.reason === b.reason && a.host === b.host;
  if (a.kind === 'disabled') return a.message === b.message;
  return (a as { host: string }).host === (b as { host: string }).host;
}
