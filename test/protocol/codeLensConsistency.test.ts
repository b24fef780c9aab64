// Lineage lenses are computed for their own document and version: requests for
// one document interleaved with edits of another (a references peek, another
// editor) keep that document's counts, and a lens asked right after an edit
// sits on the edited text. The counts are those of the pipeline's graph.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CodeLens, Location } from 'vscode-languageserver-protocol';
import type { LineageGraph } from '../../protocol/src/lineageGraph';
import { repositoryRoot } from '../support/serverProcess';
import { LspSession, openSession, positionOf } from '../support/lspSession';

const main = join(repositoryRoot, 'pipelines/gold/dimensions/dim_devices.sql');
const other = join(repositoryRoot, 'pipelines/gold/facts/fct_alerts.sql');

let s: LspSession;

before(async () => {
  s = await openSession({
    root: repositoryRoot,
    env: { HOME: mkdtempSync(join(tmpdir(), 'lsp-home-')), DATABRICKS_HOST: '', DATABRICKS_TOKEN: '', DATABRICKS_CONFIG_PROFILE: '' },
  });
  await s.waitForStatus((p) => p.state === 'ready');
});

after(async () => {
  await s.stop();
});

/** "↑ N upstream · ↓ M downstream" as the graph says for `dataset`. */
async function expectedTitle(dataset: string): Promise<string> {
  const graph = await s.request<LineageGraph>('lakeflow/lineageGraph', { pipeline: 'iot_lakehouse' });
  const up = graph.edges.filter((e) => e.to === dataset).length;
  const down = graph.edges.filter((e) => e.from === dataset).length;
  return `↑ ${up} upstream · ↓ ${down} downstream · show lineage`;
}

const lensOf = (uri: string) => s.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });

describe('code lenses stay with their document', () => {
  test('lenses of one document, asked while another is edited and peeked, keep their own counts', async () => {
    const a = await s.open(main);
    const b = await s.open(other);
    const want = await expectedTitle('dim_devices');
    const wantOther = await expectedTitle('fct_alerts');
    assert.notEqual(want, wantOther, 'the two documents must have different counts for the test to mean anything');
    const pending: Promise<CodeLens[]>[] = [];
    for (let v = 2; v < 22; v++) {
      void s.change(b.uri, v, `-- edit ${v}\n${b.text}`);
      pending.push(lensOf(a.uri));
      void s.request<Location[]>('textDocument/references', {
        textDocument: { uri: b.uri },
        position: positionOf(b.text, 'stg_alerts'),
        context: { includeDeclaration: true },
      });
      pending.push(lensOf(b.uri));
    }
    const answers = await Promise.all(pending);
    answers.forEach((lenses, i) => {
      const [lens] = lenses;
      const mine = i % 2 === 0;
      assert.equal(lens.command?.title, mine ? want : wantOther, `answer ${i}`);
      assert.equal((lens.command?.arguments?.[0] as { node: { name: string } }).node.name, mine ? 'dim_devices' : 'fct_alerts');
    });
  });

  test('a lens asked right after an edit sits on the name in the new text', async () => {
    const a = await s.open(main);
    const shifted = `-- one\n-- two\n-- three\n${a.text}`;
    void s.change(a.uri, 50, shifted);
    const [lens] = await lensOf(a.uri);
    assert.deepEqual(lens.range.start, positionOf(shifted, 'dim_devices'));
  });
});
