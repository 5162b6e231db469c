import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { PACKAGE_ROOT, renderArtifacts } from './render-artifacts.js';

// Regenerates schemas/*.schema.json and asyncapi.yaml from the zod contracts, removing stale schema files.
const files = renderArtifacts();
const schemaDir = new URL('schemas/', PACKAGE_ROOT);
mkdirSync(schemaDir, { recursive: true });
for (const existing of readdirSync(schemaDir)) {
  if (existing.endsWith('.schema.json') && !files.has(`schemas/${existing}`)) rmSync(new URL(existing, schemaDir));
}
for (const [path, content] of files) writeFileSync(new URL(path, PACKAGE_ROOT), content);
console.log(`wrote ${files.size} files`);
