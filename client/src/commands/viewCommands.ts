// Commands of the views: lineage for the pipeline or the dataset under the cursor.
import * as vscode from 'vscode';
import { ExplorerNode, PipelineExplorer } from '../views/pipelineExplorer';
import { LineagePanel } from '../views/lineagePanel';
import { requestDatasetAt } from '../views/lineageRequests';
import { Services } from '../services';

export async function showLineage(s: Services, panel: LineagePanel, arg?: ExplorerNode): Promise<void> {
  if (arg?.type === 'dataset') return panel.show(`Lineage: ${arg.node.name}`, { dataset: arg.node.id, uri: arg.node.uri }, arg.node.id);
  if (arg?.type === 'pipeline') return panel.show(`Lineage: ${arg.key}`, { pipeline: arg.key }, undefined);
  const editor = vscode.window.activeTextEditor;
  if (editor) {
    const at = await requestDatasetAt(s.server, editor).catch(() => null);
    if (at) return panel.show(`Lineage: ${at.name}`, { dataset: at.name, uri: at.uri }, at.name);
    if (s.server.languageClient && vscode.languages.match({ language: 'lakeflow-sql' }, editor.document) > 0) {
      return panel.show(`Lineage: ${vscode.workspace.asRelativePath(editor.document.uri)}`, { uri: editor.document.uri.toString() });
    }
  }
  await s.bundles.ready();
  const pipeline = s.bundles.active()?.pipelines[0];
  if (!pipeline) {
    void vscode.window.showInformationMessage('Open a Lakeflow SQL file or a bundle with a pipeline to see its lineage.');
    return;
  }
  return panel.show(`Lineage: ${pipeline.key}`, { pipeline: pipeline.key });
}

/** `lakeflow.revealInExplorer`: selects the dataset under the cursor (or around it) in the pipeline explorer. */
export async function revealInExplorer(
  s: Services,
  explorer: PipelineExplorer,
  view: vscode.TreeView<ExplorerNode>,
): Promise<string | undefined> {
  const editor = vscode.window.activeTextEditor;
  const at = editor ? await requestDatasetAt(s.server, editor).catch(() => null) : null;
  if (!at) {
    void vscode.window.showInformationMessage(
      'Place the cursor in a dataset definition or on a dataset name to reveal it in the Pipelines explorer.',
    );
    return undefined;
  }
  const node = await explorer.findDataset(at.name);
  if (!node) {
    void vscode.window.showInformationMessage(`${at.name} is not in a pipeline of the active bundle.`);
    return undefined;
  }
  await view.reveal(node, { select: true, focus: true, expand: false });
  return at.name;
}
