// Sign in: pick a profile of ~/.databrickscfg (stored as the lakeflow.profile
// setting: a name, not a secret) or enter a host and a token (the token goes
// to secret storage). The language server restarts on either change (see
// extension.ts), so its environment follows.
import * as vscode from 'vscode';
import { normalizeHost } from '../auth';
import { SETTINGS_SECTION } from '../../../protocol/src/settings';
import { Services } from '../services';

export type SignInArgs = { profile: string } | { host: string; token: string };

async function useProfile(s: Services, profile: string): Promise<void> {
  const target = vscode.workspace.workspaceFolders ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await vscode.workspace.getConfiguration(SETTINGS_SECTION).update('profile', profile, target);
  s.log.info(`using Databricks profile "${profile}"`);
}

async function useToken(s: Services, host: string, token: string): Promise<void> {
  await s.auth.storeToken(host, token);
  // A profile setting would take precedence over the token: clear it where we can.
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  if (config.inspect('profile')?.workspaceValue) await config.update('profile', undefined, vscode.ConfigurationTarget.Workspace);
  if (config.inspect('profile')?.globalValue) await config.update('profile', undefined, vscode.ConfigurationTarget.Global);
  s.log.info(`using a personal access token for ${normalizeHost(host)} (kept in secret storage)`);
}

async function askHostAndToken(): Promise<{ host: string; token: string } | undefined> {
  const host = await vscode.window.showInputBox({
    prompt: 'Databricks workspace URL',
    placeHolder: 'https://adb-1234567890123456.7.azuredatabricks.net',
    ignoreFocusOut: true,
    validateInput: (v) => (/^(https?:\/\/)?[\w.-]+(:\d+)?\/?$/.test(v.trim()) ? undefined : 'A host name or https:// URL'),
  });
  if (!host) return undefined;
  const token = await vscode.window.showInputBox({ prompt: 'Personal access token', password: true, ignoreFocusOut: true });
  return token ? { host, token } : undefined;
}

export async function signIn(s: Services, args?: SignInArgs): Promise<boolean> {
  try {
    if (args && 'profile' in args) await useProfile(s, args.profile);
    else if (args && 'token' in args) await useToken(s, args.host, args.token);
    else {
      const profiles = await s.auth.profiles();
      const items: (vscode.QuickPickItem & { profile?: string })[] = [
        ...profiles.map((p) => ({
          label: p.name,
          description: p.host,
          detail: p.authType ? `auth: ${p.authType}` : undefined,
          profile: p.name,
        })),
        { label: '$(key) Enter host and token…', alwaysShow: true },
      ];
      const picked = await vscode.window.showQuickPick(items, {
        placeHolder: profiles.length ? 'Databricks profile (~/.databrickscfg)' : 'No profiles found in ~/.databrickscfg',
      });
      if (!picked) return false;
      if (picked.profile) await useProfile(s, picked.profile);
      else {
        const entered = await askHostAndToken();
        if (!entered) return false;
        await useToken(s, entered.host, entered.token);
      }
    }
    return true;
  } catch (e) {
    void vscode.window.showErrorMessage(`Sign in failed: ${s.log.clean(e instanceof Error ? e.message : String(e))}`);
    return false;
  }
}

export async function signOut(s: Services): Promise<void> {
  await s.auth.forgetToken();
  s.log.info('stored Databricks token removed');
}
