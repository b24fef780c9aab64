// Validate, deploy and destroy the active bundle through the Databricks CLI.
// Each returns a small result object so keybindings, other extensions and the
// end-to-end tests can act on the outcome.
import * as vscode from 'vscode';
import { BundleTarget, isProductionTarget } from '../bundle/bundleConfig';
import { LoadedBundle } from '../bundle/bundleWorkspace';
import { cliCommands } from '../databricks/cliCommand';
import { parseCliDiagnostics } from '../databricks/cliDiagnostics';
import { CliError } from '../databricks/cliRunner';
import { currentTarget, rememberTarget, requireBundle, requireTrust, Services } from '../services';
import { bundleProblems } from './bundleDiagnostics';
import { isCancellation, reportFailure } from './failure';

export interface BundleCommandResult {
  ok: boolean;
  target?: string;
  problems?: number;
  cancelled?: boolean;
  error?: string;
}

function showProblems(s: Services, bundle: LoadedBundle, stderr: string): number {
  const diagnostics = parseCliDiagnostics(stderr);
  s.bundleDiagnostics.clear();
  for (const [uri, list] of bundleProblems(bundle, diagnostics)) s.bundleDiagnostics.set(uri, list);
  return diagnostics.filter((d) => d.severity === 'error').length;
}

function failed(s: Services, what: string, e: unknown, target?: string): BundleCommandResult {
  reportFailure(s, what, e);
  return { ok: false, target, cancelled: isCancellation(e), error: s.log.clean(e instanceof Error ? e.message : String(e)) };
}

function resolveTarget(s: Services, bundle: LoadedBundle, name: string | undefined): BundleTarget | undefined {
  if (name) {
    const found = bundle.targets.find((t) => t.name === name);
    if (!found && bundle.targets.length) throw new Error(`The bundle has no target "${name}".`);
    return found ?? { name, isDefault: false };
  }
  return currentTarget(s, bundle);
}

/** A modal question for production targets; true when the user agrees (or the target is not production). */
export async function confirmProduction(action: string, target: BundleTarget | undefined): Promise<boolean> {
  if (!target || !isProductionTarget(target)) return true;
  const answer = await vscode.window.showWarningMessage(
    `${action} to the production target "${target.name}"?`,
    { modal: true, detail: 'This changes resources that production jobs and users rely on.' },
    `${action} to ${target.name}`,
  );
  return answer === `${action} to ${target.name}`;
}

export async function validateBundle(s: Services, args?: { target?: string }): Promise<BundleCommandResult> {
  let target: BundleTarget | undefined;
  try {
    requireTrust('Validate');
    const bundle = await requireBundle(s);
    target = resolveTarget(s, bundle, args?.target);
    const scope = { target: target?.name, profile: await s.cli.profile() };
    return await s.operations.run(`Validating ${bundle.name}`, async (signal) => {
      try {
        const r = await s.cli.run(cliCommands.validateBundle(scope), { cwd: bundle.rootUri.fsPath, signal });
        const problems = showProblems(s, bundle, r.stderr);
        void vscode.window.showInformationMessage(`Bundle "${bundle.name}" is valid${target ? ` for target ${target.name}` : ''}.`);
        return { ok: true, target: target?.name, problems };
      } catch (e) {
        if (!(e instanceof CliError)) throw e;
        const problems = showProblems(s, bundle, e.stderr);
        if (problems === 0) throw e;
        void vscode.window.showErrorMessage(`Bundle validation found ${problems} error(s); see Problems.`, 'Show Problems').then((c) => {
          if (c) void vscode.commands.executeCommand('workbench.actions.view.problems');
        });
        return { ok: false, target: target?.name, problems };
      }
    });
  } catch (e) {
    return failed(s, 'Validate', e, target?.name);
  }
}

export async function deployBundle(s: Services, args?: { target?: string }): Promise<BundleCommandResult> {
  let target: BundleTarget | undefined;
  try {
    requireTrust('Deploy');
    const bundle = await requireBundle(s);
    target = resolveTarget(s, bundle, typeof args?.target === 'string' ? args.target : undefined);
    if (!(await confirmProduction('Deploy', target))) return { ok: false, target: target?.name, cancelled: true };
    const scope = { target: target?.name, profile: await s.cli.profile() };
    const label = target ? `Deploying to ${target.name}` : `Deploying ${bundle.name}`;
    await s.operations.run(label, async (signal) => {
      s.log.show();
      try {
        await s.cli.run(cliCommands.deployBundle(scope), { cwd: bundle.rootUri.fsPath, signal, stream: true });
        s.bundleDiagnostics.clear();
      } catch (e) {
        if (e instanceof CliError) showProblems(s, bundle, e.stderr);
        throw e;
      }
    });
    void vscode.window.showInformationMessage(`Deployed "${bundle.name}"${target ? ` to ${target.name}` : ''}.`);
    return { ok: true, target: target?.name };
  } catch (e) {
    return failed(s, 'Deploy', e, target?.name);
  }
}

async function pickTarget(s: Services, bundle: LoadedBundle, placeHolder: string): Promise<BundleTarget | undefined> {
  const selected = currentTarget(s, bundle)?.name;
  const items = bundle.targets.map((t) => ({
    label: t.name,
    description: [t.mode, t.isDefault ? 'default' : '', t.name === selected ? 'selected' : ''].filter(Boolean).join(' · '),
    target: t,
  }));
  if (items.length === 0) throw new Error('The bundle declares no targets.');
  return (await vscode.window.showQuickPick(items, { placeHolder }))?.target;
}

export async function deployBundleToTarget(s: Services): Promise<BundleCommandResult | undefined> {
  try {
    const bundle = await requireBundle(s);
    const target = await pickTarget(s, bundle, 'Deploy the bundle to which target?');
    return target ? deployBundle(s, { target: target.name }) : undefined;
  } catch (e) {
    return failed(s, 'Deploy', e);
  }
}

export async function selectTarget(s: Services): Promise<string | undefined> {
  try {
    const bundle = await requireBundle(s);
    const target = await pickTarget(s, bundle, 'Target for deploy and run');
    if (target) await rememberTarget(s, target.name);
    return target?.name;
  } catch (e) {
    failed(s, 'Select target', e);
    return undefined;
  }
}

export async function destroyBundle(s: Services, args?: { target?: string }): Promise<BundleCommandResult> {
  let target: BundleTarget | undefined;
  try {
    requireTrust('Destroy');
    const bundle = await requireBundle(s);
    target = resolveTarget(s, bundle, args?.target);
    const confirm = `Destroy ${target?.name ?? bundle.name}`;
    const answer = await vscode.window.showWarningMessage(
      `Destroy every resource of bundle "${bundle.name}"${target ? ` in target ${target.name}` : ''}?`,
      { modal: true, detail: 'Pipelines, jobs and their tables deployed by this bundle are deleted. This cannot be undone.' },
      confirm,
    );
    if (answer !== confirm) return { ok: false, target: target?.name, cancelled: true };
    const scope = { target: target?.name, profile: await s.cli.profile() };
    await s.operations.run(`Destroying ${bundle.name}`, (signal) =>
      s.cli.run(cliCommands.destroyBundle(scope), { cwd: bundle.rootUri.fsPath, signal, stream: true }),
    );
    void vscode.window.showInformationMessage(`Destroyed "${bundle.name}"${target ? ` in ${target.name}` : ''}.`);
    return { ok: true, target: target?.name };
  } catch (e) {
    return failed(s, 'Destroy', e, target?.name);
  }
}
