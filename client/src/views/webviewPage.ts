// The frame every Lakeflow webview page shares: a strict content security
// policy (nothing remote; only the nonce'd style, and a script only when the
// page has one), the page title, and HTML escaping. Pure (no vscode import).
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

export interface WebviewPage {
  title: string;
  nonce: string;
  style: string;
  body: string;
  /** Inline script, run with the nonce; when absent the policy allows none. */
  script?: string;
  /** Extra policy directives (`img-src ...`). */
  extraPolicy?: string[];
}

export function webviewPage(p: WebviewPage): string {
  const csp = [
    `default-src 'none'`,
    ...(p.extraPolicy ?? []),
    `style-src 'nonce-${p.nonce}'`,
    ...(p.script ? [`script-src 'nonce-${p.nonce}'`] : []),
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(p.title)}</title>
<style nonce="${p.nonce}">
${p.style.trim()}
</style></head>
<body>${p.body}${p.script ? `\n<script nonce="${p.nonce}">\n${p.script.trim()}\n</script>` : ''}</body></html>`;
}
