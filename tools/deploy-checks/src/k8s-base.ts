import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

/** The repository root: this file lives at `tools/deploy-checks/src/`. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const BASE_DIR = join(REPO_ROOT, 'deploy/k8s/base');

/** A Kubernetes object as written: only the fields every object has are typed; the rest is read where it is checked. */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [field: string]: unknown;
}

/** The keys the base's kustomization may use: with only these, the rendered output is the listed files plus the namespace. */
export const PLAIN_KUSTOMIZATION_KEYS = ['apiVersion', 'kind', 'namespace', 'resources'] as const;

export interface RenderedBase {
  kustomization: Record<string, unknown>;
  /** Every object of every listed file, in order, with the kustomization's namespace applied as kustomize does. */
  objects: K8sObject[];
  /** Files in the base folder, for the check that none is left out of `resources`. */
  files: string[];
}

/** Reads `deploy/k8s/base` the way `kubectl kustomize` renders a plain base, without needing the binary. */
export function renderBase(dir: string = BASE_DIR): RenderedBase {
  const kustomization = parseOne(join(dir, 'kustomization.yaml'));
  const namespace = typeof kustomization.namespace === 'string' ? kustomization.namespace : undefined;
  const resources = Array.isArray(kustomization.resources) ? (kustomization.resources as string[]) : [];
  const objects = resources.flatMap((file) =>
    parseAll(join(dir, file)).map((o) => (namespace === undefined ? o : { ...o, metadata: { ...o.metadata, namespace } })),
  );
  const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f) && f !== 'kustomization.yaml');
  return { kustomization, objects, files };
}

function parseOne(path: string): Record<string, unknown> {
  const [doc] = parseAll(path) as unknown as Record<string, unknown>[];
  return doc ?? {};
}

function parseAll(path: string): K8sObject[] {
  return parseAllDocuments(readFileSync(path, 'utf8')).map((doc) => {
    if (doc.errors.length > 0) throw new Error(`${path}: ${doc.errors.map((e) => e.message).join('; ')}`);
    return doc.toJS() as K8sObject;
  });
}

export const ofKind = <T = K8sObject>(objects: readonly K8sObject[], kind: string): (K8sObject & T)[] =>
  objects.filter((o) => o.kind === kind) as (K8sObject & T)[];

export const named = (objects: readonly K8sObject[], kind: string, name: string): K8sObject | undefined =>
  objects.find((o) => o.kind === kind && o.metadata.name === name);
