// The lineage graph and the explorer as users see them, in real VS Code, on the
// repository's bundled pipeline after the local run of runLocal.test (the suite
// runs files in name order): the geometry the page reports it drew (every edge
// of the model drawn between its own boxes, no edge segment through another box,
// no text wider than its box), run statuses on the boxes and in the explorer, a
// column's path back to bronze, bundle names resolved for the target, Reveal in
// Explorer, and screenshots of the graph in light, dark and high contrast themes.
import assert from 'node:assert/strict';
import { existsSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { layoutProblems } from '../../../client/src/views/lineageLayout';
import { Harness } from './harness';
import type { ExplorerNode } from '../../../client/src/views/pipelineExplorer';
import { LakeflowApi, repoRoot, setSetting, waitFor } from './helpers';
import { BUNDLED_DATASETS, openPipelineFile, positionOf, readyServer } from './pipelineFiles';

async function treeItems(api: LakeflowApi, parent?: ExplorerNode): Promise<{ node: ExplorerNode; item: vscode.TreeItem; label: string }[]> {
  const nodes = (await api.views.explorer.getChildren(parent)) ?? [];
  return Promise.all(
    nodes.map(async (node) => {
      const item = await api.views.explorer.getTreeItem(node);
      return { node, item, label: typeof item.label === 'string' ? item.label : (item.label?.label ?? '') };
    }),
  );
}

const tooltipText = (item: vscode.TreeItem): string => (typeof item.tooltip === 'string' ? item.tooltip : (item.tooltip?.value ?? ''));

/** Relative luminance of a CSS `rgb(...)` colour, 0 (black) to 1 (white). */
function luminance(css: string): number {
  const [r, g, b] = (css.match(/[\d.]+/g) ?? ['0', '0', '0']).slice(0, 3).map(Number);
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
}

async function showPipelineLineage(api: LakeflowApi): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await vscode.commands.executeCommand('lakeflow.showLineage', { type: 'pipeline', key: 'iot_lakehouse' });
  await waitFor('the lineage panel', () => api.views.lineage.state()?.layout);
}

export function register(h: Harness): void {
  h.describe('lineage graph and explorer after a local run', () => {
    let api: LakeflowApi;
    let bundleRoot: unknown;

    h.test(
      'the pipeline graph: every edge of the model drawn between its own boxes, no edge segment through another box, every text inside its box',
      async () => {
        api = await readyServer();
        bundleRoot = vscode.workspace.getConfiguration('lakeflow').get('bundleRoot');
        await setSetting('bundleRoot', 'bundle');
        await showPipelineLineage(api);
        const state = api.views.lineage.state();
        assert.ok(state?.layout);
        assert.equal(state.graph.nodes.length, BUNDLED_DATASETS);
        assert.ok(state.graph.edges.length >= 30, `${state.graph.edges.length} edges`);
        assert.deepEqual(state.problems, [], 'the computed layout');
        const drawn = await api.views.lineage.rendered();
        assert.equal(drawn.boxes.length, BUNDLED_DATASETS);
        assert.equal(drawn.edges.length, state.graph.edges.length);
        assert.deepEqual(
          layoutProblems(state.graph, { ...state.layout, boxes: drawn.boxes, edges: drawn.edges }),
          [],
          'what the page drew',
        );
        assert.deepEqual(drawn.overflow, [], 'box texts wider than their box');
        for (const box of drawn.boxes) {
          const planned = state.layout.boxes.find((b) => b.id === box.id);
          assert.ok(
            planned && Math.abs(planned.x - box.x) < 0.5 && Math.abs(planned.y - box.y) < 0.5 && Math.abs(planned.width - box.width) < 0.5,
            `${box.id} drawn where laid out`,
          );
        }
        // Ranked by depth: every edge goes left to right, and the layer bands are in pipeline order.
        const x = new Map(drawn.boxes.map((b) => [b.id, b.x]));
        for (const e of state.graph.edges) assert.ok((x.get(e.from) ?? 0) < (x.get(e.to) ?? 0), `${e.from} is left of ${e.to}`);
        assert.deepEqual(
          state.layout.bands.map((b) => b.layer),
          ['bronze', 'silver', 'gold'],
        );
      },
    );

    h.test('each box shows the latest local run: status, rows written and pass rate', async () => {
      const eventLog = path.join(repoRoot(), '.lakeflow', 'lakehouse.events.jsonl');
      assert.ok(existsSync(eventLog), `no local run to show: runLocal.test runs before this file and writes ${eventLog}`);
      const statuses = await waitFor('run statuses on the boxes', () => {
        const s = api.views.lineage.state()?.statuses;
        return s && Object.keys(s).length === BUNDLED_DATASETS && s;
      });
      assert.match(statuses.cdc_orders.text, /^[✓⚠] [1-9][\d,]* rows · \d+\.\d% passed$/);
      assert.ok(['ok', 'warning'].includes(statuses.cdc_orders.tone));
      assert.match(statuses.dim_date.text, /^✓ [1-9][\d,]* rows$/, 'no expectations: no pass rate');
      // runLocal.test last recomputed cdc_customers alone, on no new landing data: its latest run wrote nothing.
      assert.deepEqual(statuses.cdc_customers, { text: '✓ 0 rows', tone: 'ok' });
      const html = api.views.lineagePanel()?.webview.html ?? '';
      assert.match(html, /class="box streamingTable tone-(ok|warning)" data-id="cdc_orders"/);
    });

    h.test('a column picked in the graph shows its path back to bronze', async () => {
      const path = await api.views.lineage.pickColumn('fct_iot_events', 'event_ts');
      assert.deepEqual(
        path.steps.map((s) => `${s.depth}:${s.dataset}.${s.column}`),
        ['0:fct_iot_events.event_ts', '1:stg_iot_events.event_ts', '2:iot_events.event_ts'],
      );
      assert.equal(api.views.lineage.state()?.columnPath?.column, 'event_ts');
    });

    h.test('screenshots of the graph in light, dark and high contrast themes', async () => {
      const dir = process.env.LAKEFLOW_E2E_SCREENSHOTS;
      assert.ok(dir, 'screenshots need the offline runner (node test/e2e/run.mjs), which sets LAKEFLOW_E2E_SCREENSHOTS and takes them');
      for (const cmd of ['workbench.action.closeSidebar', 'workbench.action.closePanel', 'workbench.action.closeAuxiliaryBar'])
        await vscode.commands.executeCommand(cmd);
      const before = vscode.workspace.getConfiguration('workbench').get('colorTheme');
      try {
        // The page background each theme gives, as luminance bounds (high contrast is pure black).
        const themes = [
          ['Default Light Modern', 'lineage-light.png', 0.5, 1.01],
          ['Default Dark Modern', 'lineage-dark.png', 0.01, 0.5],
          ['Default High Contrast', 'lineage-high-contrast.png', -1, 0.01],
        ] as const;
        for (const [theme, name, low, high] of themes) {
          await vscode.workspace.getConfiguration('workbench').update('colorTheme', theme, vscode.ConfigurationTarget.Global);
          await showPipelineLineage(api);
          await vscode.commands.executeCommand('workbench.action.joinAllGroups');
          if (name !== 'lineage-light.png') await api.views.lineage.pickColumn('fct_iot_events', 'event_ts');
          // The page's own background tells when the theme reached the webview.
          await waitFor(`the ${theme} colours in the page`, async () => {
            const drawn = await api.views.lineage.rendered();
            const l = luminance(drawn.background);
            return drawn.viewport.width > 900 && l >= low && l < high;
          });
          const file = path.join(dir, name);
          rmSync(file, { force: true });
          console.log(`[lakeflow-screenshot] ${file}`);
          await waitFor(`${file} to be written`, () => existsSync(file));
        }
      } finally {
        await vscode.workspace.getConfiguration('workbench').update('colorTheme', before, vscode.ConfigurationTarget.Global);
        api.views.lineagePanel()?.dispose();
      }
    });

    h.test('explorer: kinds in words, the run status with rows and pass rate, full tooltips', async () => {
      const [pipeline] = await treeItems(api);
      const layers = await treeItems(api, pipeline.node);
      const datasets = (await Promise.all(layers.map((l) => treeItems(api, l.node)))).flat();
      const orders = datasets.find((d) => d.label === 'cdc_orders');
      assert.ok(orders);
      assert.match(String(orders.item.description), /^Streaming table · [✓⚠] [\d,]+ rows · \d+\.\d% passed$/);
      assert.ok(orders.item.iconPath instanceof vscode.ThemeIcon && ['pass', 'warning'].includes(orders.item.iconPath.id));
      const tip = tooltipText(orders.item);
      for (const part of ['cdc\\_orders', 'Streaming table', 'bronze', 'Latest local run: completed', 'valid\\_cdc\\_op (drop)'])
        assert.ok(tip.includes(part), `tooltip lacks ${part}: ${tip}`);
      assert.match(tip, /pipelines\/bronze\/\S+\.sql/);
      assert.equal(
        datasets
          .find((d) => d.label === 'dim_date')
          ?.item.description?.toString()
          .split(' · ')[0],
        'Materialized view',
      );
    });

    h.test('Reveal in Explorer selects the dataset under the cursor', async () => {
      const editor = await openPipelineFile('gold/facts/fct_iot_events.sql');
      const at = positionOf(editor.document, 'FROM stg_iot_events AS e', 7);
      editor.selection = new vscode.Selection(at, at);
      assert.equal(await vscode.commands.executeCommand('lakeflow.revealInExplorer'), 'stg_iot_events');
      await waitFor('the explorer selection', () => api.views.explorerSelection()[0] === 'stg_iot_events');
    });

    h.test('a run going on updates the open graph without reopening it (the page gets the new status)', async () => {
      await showPipelineLineage(api);
      const before = (await api.views.lineage.rendered()).statuses.cdc_products;
      assert.match(before, /^[✓⚠] [1-9][\d,]* rows/, 'the full run wrote rows');
      // Recomputed alone on the landing files already read: its latest run writes no rows.
      const one = await vscode.commands.executeCommand<{ ok: boolean; error?: string }>('lakeflow.runLocalDataset', {
        dataset: 'cdc_products',
      });
      assert.equal(one.ok, true, one.error);
      await waitFor('the new status in the page', async () => (await api.views.lineage.rendered()).statuses.cdc_products === '✓ 0 rows');
      assert.deepEqual(api.views.lineage.state()?.statuses.cdc_products, { text: '✓ 0 rows', tone: 'ok' });
      api.views.lineagePanel()?.dispose();
    });

    h.test('explorer: a pipeline name with bundle substitutions reads resolved for the selected target', async () => {
      try {
        await setSetting('bundleRoot', 'test/e2e/fixtures/namedBundle');
        await setSetting('target', 'dev');
        const shown = async () => (await treeItems(api)).map((p) => [p.label, p.item.description, tooltipText(p.item)]);
        const [[key, name, tip]] = await waitFor('the fixture pipeline', async () =>
          (await shown())[0]?.[0] === 'iot' ? shown() : undefined,
        );
        assert.deepEqual([key, name], ['iot', 'iot-lakehouse-dev']);
        assert.match(String(tip), /target \*\*dev\*\*[\s\S]*main\.iot_dev/);
        await setSetting('target', 'prod');
        const [[prodKey]] = await waitFor('the name for prod', async () =>
          (await shown())[0]?.[1] === 'iot-warehouse-prod' ? shown() : undefined,
        );
        assert.equal(prodKey, 'iot');
      } finally {
        await setSetting('target', undefined);
        await setSetting('bundleRoot', bundleRoot);
      }
    });
  });
}
