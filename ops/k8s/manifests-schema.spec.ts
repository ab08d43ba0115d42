import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as yaml from 'js-yaml';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { CronJob } from 'kubernetes-models/batch/v1';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, Namespace, PersistentVolumeClaim, Secret, Service } from 'kubernetes-models/v1';

/**
 * Every Kubernetes document under ops/k8s and ops/k8s-overlays (base, overlays, examples) against the OpenAPI
 * schemas of Kubernetes 1.27 that `kubernetes-models` bundles: types, enums and required fields.
 * (The upstream schemas allow unknown fields, so a misspelt optional field passes here; the
 * deploy workflow's server-side dry run catches those.) A kind missing from MODELS fails: add
 * its model rather than let a document go unchecked.
 */
interface Validatable {
  validate(): void;
}
type ModelClass = new (data: Record<string, unknown>) => Validatable;

const MODELS: Record<string, ModelClass> = {
  'v1/Namespace': Namespace,
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'v1/PersistentVolumeClaim': PersistentVolumeClaim,
  'apps/v1/Deployment': Deployment,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'batch/v1/CronJob': CronJob,
  'networking.k8s.io/v1/Ingress': Ingress,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
};
/** kustomize's own configuration, not a Kubernetes object (no schema on the API server). */
const NOT_KUBERNETES = new Set(['kustomize.config.k8s.io/v1beta1/Kustomization']);

const k8sDir = __dirname;
/** Staging and production overlays live beside the base (kustomize forbids them inside it). */
const overlaysDir = join(__dirname, '../k8s-overlays');

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/.test(entry.name) ? [path] : [];
  });
}

interface Document {
  where: string;
  doc: Record<string, unknown> & { apiVersion?: string; kind?: string };
}

const documents: Document[] = [...yamlFiles(k8sDir), ...yamlFiles(overlaysDir)].flatMap((path) =>
  yaml
    .loadAll(readFileSync(path, 'utf8'))
    .filter((doc): doc is Document['doc'] => doc !== null && typeof doc === 'object')
    .map((doc, index) => ({ where: `${relative(join(k8sDir, '..'), path)}#${index}`, doc })),
);

describe('Kubernetes manifests (ops/k8s) against the Kubernetes OpenAPI schemas', () => {
  it('finds the manifests', () => {
    expect(documents.length).toBeGreaterThan(20);
  });

  it.each(documents.map((document) => [document.where, document] as const))(
    '%s is valid',
    (_where, { doc }) => {
      const type = `${doc.apiVersion}/${doc.kind}`;
      if (NOT_KUBERNETES.has(type)) return;
      const Model = MODELS[type];
      expect({ type, known: Model !== undefined }).toEqual({ type, known: true });
      expect(() => new Model(doc).validate()).not.toThrow();
    },
  );

  it('rejects a document that breaks the schema (the validators are live)', () => {
    const broken = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' } };
    const spec = {
      replicas: 'two',
      selector: { matchLabels: { app: 'x' } },
      template: { spec: { containers: [{ image: 'x' }] } },
    };
    expect(() => new Deployment({ ...broken, spec } as Record<string, unknown>).validate()).toThrow(
      /replicas must be integer|must have required property 'name'/,
    );
  });
});
