// Wires the Unity Catalog provider to the stand-in server for tests: a private
// storage folder, an empty environment and home (so the machine's own Databricks
// settings never leak in), a clock the test moves, waits that return at once but
// are recorded, and every log line and state change captured.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CatalogState } from '../../server/src/language/model/catalogProvider';
import {
  UnityCatalogProvider,
  UnityCatalogProviderOptions,
  createUnityCatalogProvider,
} from '../../server/src/catalog/unityCatalogProvider';
import { StandInOptions, UnityCatalogStandIn } from './unityCatalogStandIn';

/** Shaped like a real personal access token so the defensive redaction is exercised too. */
export const TEST_TOKEN = 'dapi5c0ffee5c0ffee5c0ffee5c0ffee5c0f-3';

export interface CatalogHarness {
  readonly standIn: UnityCatalogStandIn;
  readonly provider: UnityCatalogProvider;
  readonly storageDir: string;
  readonly logs: string[];
  readonly states: CatalogState[];
  /** Every wait the provider asked for, in ms. */
  readonly sleeps: number[];
  readonly clock: { now: number };
  /** A second provider on the same storage, clock and stand-in (a restart). */
  reopen(extra?: Partial<UnityCatalogProviderOptions>): Promise<UnityCatalogProvider>;
  close(): Promise<void>;
}

export async function openCatalogHarness(
  standInOptions: StandInOptions = {},
  providerOptions: Partial<UnityCatalogProviderOptions> = {},
): Promise<CatalogHarness> {
  const standIn = await UnityCatalogStandIn.start({ token: TEST_TOKEN, ...standInOptions });
  const storageDir = await mkdtemp(join(tmpdir(), 'uc-cache-'));
  const logs: string[] = [];
  const states: CatalogState[] = [];
  const sleeps: number[] = [];
  const clock = { now: 1_750_000_000_000 };
  const providers: UnityCatalogProvider[] = [];
  const open = async (extra: Partial<UnityCatalogProviderOptions>) => {
    const provider = await createUnityCatalogProvider({
      host: standIn.url,
      token: TEST_TOKEN,
      env: {},
      homeDir: storageDir,
      storageDir,
      timeoutMs: 2000,
      log: (line) => logs.push(line),
      now: () => clock.now,
      sleep: async (ms) => void sleeps.push(ms),
      random: () => 0.5,
      ...providerOptions,
      ...extra,
    });
    provider.onDidChangeState((s) => states.push(s));
    providers.push(provider);
    return provider;
  };
  const provider = await open({});
  return {
    standIn,
    provider,
    storageDir,
    logs,
    states,
    sleeps,
    clock,
    reopen: open,
    async close() {
      for (const p of providers) await p.dispose();
      await standIn.close();
      await rm(storageDir, { recursive: true, force: true });
    },
  };
}

/** `kind` or `offline:reason`, for compact assertions on transitions. */
export function stateLabel(state: CatalogState): string {
  return state.kind === 'offline' ? `offline:${state.reason}` : state.kind;
}

/** A port nothing listens on: bound, then released. */
export async function closedPortUrl(): Promise<string> {
  const standIn = await UnityCatalogStandIn.start();
  await standIn.close();
  return standIn.url;
}
