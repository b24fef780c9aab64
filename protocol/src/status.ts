// `lakeflow/status`: a notification from the server whenever its state changes;
// the client shows it in the status bar.
export const STATUS_METHOD = 'lakeflow/status';

export type ServerState = 'starting' | 'indexing' | 'ready' | 'error';
export type CatalogState = 'connected' | 'offline' | 'unauthorized' | 'disabled';

export interface StatusParams {
  state: ServerState;
  catalog?: CatalogState;
  /** One clear sentence, shown as the tooltip (never contains secrets). */
  message?: string;
  datasets?: number;
}
