// The settings the server reads (section `lakeflow` of workspace/configuration,
// and initializationOptions at start). The client's settings module produces
// exactly this shape; the server caches it per resource.
export const SETTINGS_SECTION = 'lakeflow';

export interface ServerSettings {
  /** Glob patterns of Lakeflow SQL files besides the bundle's pipeline libraries. */
  sqlFilePatterns: string[];
  catalog: {
    enabled: boolean;
    /** Seconds a fetched table schema stays fresh. */
    ttlSeconds: number;
    /** Per-request timeout. */
    timeoutMs: number;
    /** `none`: the catalog server has authorization off and is asked without a token. Absent: a token is needed. */
    auth?: 'token' | 'none';
  };
  /** Profile of ~/.databrickscfg, when the user chose one (host/token come through env). */
  profile?: string;
  target?: string;
}
