// Every way a catalog call can fail, as data: the HTTP client returns these
// instead of throwing, and the provider turns the workspace-wide ones into one
// offline state.
import { CatalogOfflineReason } from '../language/model/catalogProvider';

export type CatalogFailureKind =
  | CatalogOfflineReason
  /** The object does not exist (404): an answer, not an outage. */
  | 'not-found'
  /** Another 4xx: this one request was refused; the workspace itself answered. */
  | 'client-error'
  /** The provider was disposed while the request ran. */
  | 'cancelled';

export interface CatalogFailure {
  readonly kind: CatalogFailureKind;
  /** One line, already free of secrets. */
  readonly message: string;
  readonly status?: number;
}

export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly failure: CatalogFailure };

/** Failures that say nothing about the workspace as a whole. */
export function isPerRequestFailure(kind: CatalogFailureKind): kind is 'not-found' | 'client-error' | 'cancelled' {
  return kind === 'not-found' || kind === 'client-error' || kind === 'cancelled';
}

/** Outages worth retrying later on their own; the others wait for a refresh. */
export function isTransientOutage(kind: CatalogFailureKind): boolean {
  return (
    kind !== 'unauthorized' && kind !== 'forbidden' && kind !== 'unsupported-auth' && kind !== 'auth-config' && !isPerRequestFailure(kind)
  );
}
