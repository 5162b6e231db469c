import { describe, expect, it } from 'vitest';
import * as kedaV1alpha1 from '@kubernetes-models/keda/keda.sh/v1alpha1';
import * as appsV1 from 'kubernetes-models/apps/v1';
import * as batchV1 from 'kubernetes-models/batch/v1';
import * as networkingV1 from 'kubernetes-models/networking.k8s.io/v1';
import * as policyV1 from 'kubernetes-models/policy/v1';
import * as coreV1 from 'kubernetes-models/v1';
import { PLAIN_KUSTOMIZATION_KEYS, renderBase, type K8sObject } from './k8s-base.js';

/**
 * Every object of the Kubernetes base against the API's own schemas: kubernetes-models ships validators generated from the
 * Kubernetes OpenAPI document (1.27), and @kubernetes-models/keda from KEDA's CRDs. Types, required fields and enums are
 * checked; unknown fields are not (the API schemas allow them; the API server's strict field validation refuses them).
 */

type Validatable = new (data: object) => { validate(): void };
const groups: Record<string, Record<string, unknown>> = {
  v1: coreV1,
  'apps/v1': appsV1,
  'batch/v1': batchV1,
  'policy/v1': policyV1,
  'networking.k8s.io/v1': networkingV1,
  'keda.sh/v1alpha1': kedaV1alpha1,
};

function modelOf(o: K8sObject): Validatable | undefined {
  const model = groups[o.apiVersion]?.[o.kind];
  return typeof model === 'function' ? (model as Validatable) : undefined;
}

const { kustomization, objects, files } = renderBase();
const where = (o: K8sObject) => `${o.kind}/${o.metadata?.name}`;

describe('deploy/k8s/base', () => {
  it('is a plain kustomize base: resources and a namespace only, so these files are exactly what it renders', () => {
    expect(Object.keys(kustomization).filter((k) => !(PLAIN_KUSTOMIZATION_KEYS as readonly string[]).includes(k))).toEqual([]);
    expect(kustomization.namespace).toBe('medicdraft');
  });

  it('lists every manifest file of the folder in resources', () => {
    expect([...files].sort()).toEqual([...(kustomization.resources as string[])].sort());
  });

  it('renders objects of known kinds only, each named once per kind', () => {
    expect(objects.filter((o) => modelOf(o) === undefined).map(where)).toEqual([]);
    const names = objects.map(where);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
  });

  it.each(objects.map((o) => [where(o), o] as const))('%s validates against its API schema', (_name, o) => {
    const Model = modelOf(o)!;
    expect(() => new Model(o).validate()).not.toThrow();
  });

  it('the schema check refuses a broken object (the validators are live)', () => {
    const sts = objects.find((o) => o.kind === 'StatefulSet')!;
    const broken = structuredClone(sts) as K8sObject & { spec: { template: { spec: { containers: { ports: unknown[] }[] } } } };
    broken.spec.template.spec.containers[0]!.ports = [{ containerPort: 'http' }];
    expect(() => new (modelOf(broken)!)(broken).validate()).toThrow(/containerPort must be integer/);
  });
});
