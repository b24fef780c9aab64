// The pipeline explorer and the lineage webview on the repository's bundled
// pipeline, read through the extension's exported `views` (VS Code offers no
// API to read another extension's tree or webview).
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Harness } from './harness';
import type { ExplorerNode } from '../../../client/src/views/pipelineExplorer';
import { LakeflowApi, setSetting } from './helpers';
import { BUNDLED_DATASETS, openPipelineFile, positionOf, readyServer } from './pipelineFiles';

interface ShownItem {
  label: string;
  description?: string;
  icon?: string;
  command?: string;
}

async function children(api: LakeflowApi, parent?: ExplorerNode): Promise<{ node: ExplorerNode; item: ShownItem }[]> {
  const explorer = api.views.explorer;
  const nodes = (await explorer.getChildren(parent)) ?? [];
  return Promise.all(
    nodes.map(async (node) => {
      const item = await explorer.getTreeItem(node);
      const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
      const description = typeof item.description === 'string' ? item.description : undefined;
      const icon = item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : undefined;
      return { node, item: { label, description, icon, command: item.command?.command } };
    }),
  );
}

const csp = (html: string): string => /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1] ?? '';

export function register(h: Harness): void {
  h.describe('views on the bundled pipeline', () => {
    let api: LakeflowApi;
    let bundleRoot: unknown;

    h.test('the explorer shows the bundle pipeline, its layers and the 26 datasets with kinds', async () => {
      api = await readyServer();
      // Earlier tests point lakeflow.bundleRoot at the stand-in fixture bundle: show the repository's own.
      bundleRoot = vscode.workspace.getConfiguration('lakeflow').get('bundleRoot');
      await setSetting('bundleRoot', 'bundle');
      const pipelines = await children(api);
      assert.deepEqual(
        pipelines.map((p) => p.item.label),
        ['iot_lakehouse'],
      );
      const layers = await children(api, pipelines[0].node);
      assert.deepEqual(
        layers.map((l) => [l.item.label, l.item.description]),
        [
          ['bronze', '8'],
          ['silver', '8'],
          ['gold', '10'],
        ],
      );
      const datasets = (await Promise.all(layers.map((l) => children(api, l.node)))).flat();
      assert.equal(datasets.length, BUNDLED_DATASETS);
      const byName = new Map(datasets.map((d) => [d.item.label, d]));
      // Kinds in words; a local run earlier in the suite adds its status after them (checked in viewsLineage.test).
      const events = byName.get('iot_events')?.item;
      assert.equal(events?.description?.split(' · ')[0], 'Streaming table');
      assert.equal(events?.command, 'lakeflow.openDataset');
      assert.equal(byName.get('stg_iot_events')?.item.description?.split(' · ')[0], 'Materialized view');
      const silver = await children(api, layers[1].node);
      assert.deepEqual(
        silver.map((d) => d.item.label).slice(0, 3),
        ['stg_alert_thresholds', 'stg_alerts', 'stg_customers'],
        'sorted by name',
      );
    });

    h.test('a dataset in the explorer lists its expectations and columns', async () => {
      const staged = (await children(api, (await children(api, (await children(api))[0].node))[1].node)).find(
        (d) => d.item.label === 'stg_iot_events',
      );
      assert.ok(staged);
      const details = (await children(api, staged.node)).map((d) => d.item);
      assert.deepEqual(details[0], {
        label: 'valid_event_ts',
        description: 'expect · warn (rows kept)',
        icon: 'shield',
        command: 'lakeflow.openDataset',
      });
      assert.ok(details.some((d) => d.label === 'event_ts' && d.description === 'TIMESTAMP' && d.icon === 'symbol-field'));
      assert.equal(details.filter((d) => d.icon === 'symbol-field').length, 17);
    });

    h.test('Show Lineage on a dataset reference opens a webview with a strict CSP and the graph around that dataset', async () => {
      const editor = await openPipelineFile('gold/facts/fct_iot_events.sql');
      const at = positionOf(editor.document, 'FROM stg_iot_events AS e', 7);
      editor.selection = new vscode.Selection(at, at);
      await vscode.commands.executeCommand('lakeflow.showLineage');
      const panel = api.views.lineagePanel();
      assert.ok(panel, 'no lineage panel');
      try {
        assert.equal(panel.title, 'Lineage: stg_iot_events');
        const html = panel.webview.html;
        const policy = csp(html);
        const directives = new Map(
          policy
            .split(';')
            .map((d) => d.trim().split(/\s+/))
            .map(([name, ...sources]) => [name, sources.join(' ')]),
        );
        const nonce = /^'nonce-([^']+)'$/.exec(directives.get('script-src') ?? '')?.[1];
        assert.ok(nonce && nonce.length >= 16, `script-src must be one nonce: ${policy}`);
        assert.equal(directives.get('default-src'), "'none'");
        assert.equal(directives.get('style-src'), `'nonce-${nonce}'`);
        assert.doesNotMatch(policy, /unsafe-inline|unsafe-eval/);
        assert.ok(html.includes(`<script nonce="${nonce}">`) && html.includes(`<style nonce="${nonce}">`));
        assert.equal(html.match(/<script/g)?.length, 1, 'the one nonce script only');
        const nodes = [...html.matchAll(/<g class="box ([^"]*)" data-id="([^"]*)"/g)].map((m) => ({ id: m[2], cls: m[1] }));
        const ids = nodes.map((n) => n.id);
        for (const id of ['iot_events', 'stg_iot_events', 'fct_iot_events', 'dim_devices', 'dim_date'])
          assert.ok(ids.includes(id), `${id} missing from ${ids.join(', ')}`);
        assert.ok(!ids.includes('stg_orders'), 'an unrelated dataset is not in the neighbourhood');
        assert.deepEqual(
          nodes.filter((n) => n.cls.includes('focus')).map((n) => n.id),
          ['stg_iot_events'],
        );
        assert.match(html, /<path class="edge" data-from="stg_iot_events" data-to="fct_iot_events" d="M/);
      } finally {
        panel.dispose();
      }
    });

    h.test('the code lens command opens the lineage of its dataset', async () => {
      const { document: doc } = await openPipelineFile('silver/stg_devices.sql');
      const lens = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri)).find(
        (l) => l.command?.command === 'lakeflow.showLineage',
      );
      assert.ok(lens?.command);
      await vscode.commands.executeCommand(lens.command.command, ...(lens.command.arguments ?? []));
      const panel = api.views.lineagePanel();
      try {
        assert.equal(panel?.title, 'Lineage: stg_devices');
        assert.match(panel.webview.html, /data-id="dim_devices"/);
      } finally {
        panel?.dispose();
        await setSetting('bundleRoot', bundleRoot);
      }
    });
  });
}
