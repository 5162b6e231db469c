/**
 * The one HTML document of the web UI: a shell the browser-side modules render into. It carries
 * no data and no inline script or style (the CSP forbids both), so it can be served for every
 * UI path without a session. `defaultTenant` (embedded demo only) pre-fills the sign-in form.
 */
export function renderShell(opts: { defaultTenant?: string | undefined; assetVersion: string }): string {
  const tenant =
    opts.defaultTenant === undefined ? '' : `\n<meta name="md-default-tenant" content="${escapeAttribute(opts.defaultTenant)}">`;
  const v = encodeURIComponent(opts.assetVersion);
  return (
    `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>MedicDraft</title>${tenant}
<link rel="stylesheet" href="/ui/assets/app.css?v=${v}">
<script type="module" src="/ui/assets/app.js?v=${v}"></script>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="top">
<a class="brand" href="/">MedicDraft</a>
<nav id="nav" aria-label="Main"></nav>
<div id="who" class="who"></div>
</header>
<div id="flash" role="status" aria-live="polite"></div>
<main id="main" tabindex="-1">
<h1>MedicDraft</h1>
<p>PHI-safe EMS dictation. Loading…</p>
<noscript><p>The MedicDraft web UI needs JavaScript. The JSON API is described at <a ` +
    `href="/v1/openapi.json">/v1/openapi.json</a>.</p></noscript>
</main>
</body>
</html>
`
  );
}

function escapeAttribute(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
