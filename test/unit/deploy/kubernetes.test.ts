import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { loadConfig } from '../../../src/config/load';

// deploy/kubernetes/ checked without a cluster: every manifest parses into objects of kinds Kubernetes
// serves, and what ties them together holds (selectors, probes, ports, Secret and ConfigMap names). Field
// types are left to `kubectl apply --dry-run=server`; docs/operations.md says why no schema package.
const root = path.resolve(__dirname, '../../..');
const dir = path.join(root, 'deploy/kubernetes');

interface Meta {
  name: string;
  labels?: Record<string, string>;
}
interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: Meta;
  // biome-ignore lint/suspicious/noExplicitAny: each test reads the fields of the kind it checks.
  spec?: any;
  data?: Record<string, string>;
}
/** The API groups and versions current Kubernetes serves these kinds under (none deprecated). */
const KINDS: Record<string, string> = {
  Namespace: 'v1',
  ConfigMap: 'v1',
  Service: 'v1',
  Deployment: 'apps/v1',
  PodDisruptionBudget: 'policy/v1',
  Ingress: 'networking.k8s.io/v1',
};

let kustomization: { namespace: string; resources: string[]; images: { name: string; newName: string }[] };
let applied: K8sObject[];
let example: K8sObject[];

async function objectsOf(file: string): Promise<K8sObject[]> {
  const docs = parseAllDocuments(await readFile(path.join(dir, file), 'utf8'));
  return docs.map((doc) => {
    if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors[0]?.message}`);
    return doc.toJS() as K8sObject;
  });
}
const one = (kind: string): K8sObject => {
  const found = applied.filter((object) => object.kind === kind);
  if (found.length !== 1)
    throw new Error(`expected one ${kind} among the applied manifests, found ${found.length}`);
  return found[0] as K8sObject;
};
/** Whether a label selector's matchLabels select objects carrying `labels`. */
const selects = (matchLabels: Record<string, string>, labels: Record<string, string> = {}) =>
  Object.keys(matchLabels).length > 0 &&
  Object.entries(matchLabels).every(([key, value]) => labels[key] === value);
/** A resource quantity (`250m`, `1`, `256Mi`) as a number of cores or bytes. */
const quantity = (text: string): number => {
  const match = /^(\d+(?:\.\d+)?)(m|Ki|Mi|Gi)?$/.exec(text);
  if (!match) throw new Error(`not a quantity this test reads: ${text}`);
  const factor = { m: 1e-3, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30 }[match[2] ?? ''] ?? 1;
  return Number(match[1]) * factor;
};

beforeAll(async () => {
  kustomization = parse(await readFile(path.join(dir, 'kustomization.yaml'), 'utf8'));
  applied = (await Promise.all(kustomization.resources.map(objectsOf))).flat();
  example = await objectsOf('ingress.example.yaml');
});

describe('deploy/kubernetes', () => {
  it('applies every manifest of the folder except the examples, each of a kind Kubernetes serves', async () => {
    const files = (await readdir(dir)).filter(
      (file) => /\.ya?ml$/.test(file) && file !== 'kustomization.yaml',
    );
    expect(kustomization.resources.sort()).toEqual(
      files.filter((file) => !file.includes('.example.')).sort(),
    );
    for (const object of [...applied, ...example]) {
      expect(`${object.kind} ${object.apiVersion}`).toBe(`${object.kind} ${KINDS[object.kind]}`);
      expect(object.metadata.name).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
    }
    expect(applied.map((object) => object.kind).sort()).toEqual(
      ['ConfigMap', 'Deployment', 'Namespace', 'PodDisruptionBudget', 'Service'].sort(),
    );
    // kustomize puts everything into the namespace the folder creates.
    expect(one('Namespace').metadata.name).toBe(kustomization.namespace);
  });

  it('runs three replicas, replaced one at a time without going below three ready', () => {
    const { spec } = one('Deployment');
    expect(spec.replicas).toBe(3);
    expect(selects(spec.selector.matchLabels, spec.template.metadata.labels)).toBe(true);
    expect(spec.strategy).toEqual({
      type: 'RollingUpdate',
      rollingUpdate: { maxSurge: 1, maxUnavailable: 0 },
    });
  });

  it('keeps at least two replicas through voluntary disruptions (drains, cluster upgrades)', () => {
    const deployment = one('Deployment').spec;
    const budget = one('PodDisruptionBudget').spec;
    expect(selects(budget.selector.matchLabels, deployment.template.metadata.labels)).toBe(true);
    const kept = budget.minAvailable ?? deployment.replicas - budget.maxUnavailable;
    expect(kept).toBeGreaterThanOrEqual(2);
    expect(kept).toBeLessThan(deployment.replicas);
  });

  describe('the calma container', () => {
    const container = () => {
      const containers = one('Deployment').spec.template.spec.containers;
      expect(containers).toHaveLength(1);
      return containers[0];
    };
    const env = () =>
      Object.fromEntries(
        container().env.map((each: { name: string; value: string }) => [each.name, each.value]),
      );

    it('is probed on /healthz at the port calma listens on, and restarted later than it is taken out', () => {
      const { ports, readinessProbe, livenessProbe } = container();
      const http = ports.find((port: { name: string }) => port.name === 'http');
      expect(String(http.containerPort)).toBe(env().PORT);
      for (const probe of [readinessProbe, livenessProbe])
        expect(probe.httpGet).toEqual({ path: '/healthz', port: 'http' });
      // /healthz is 503 while Redis is away: a Sentinel fail-over (seconds) must not restart every replica.
      const patience = (probe: { periodSeconds: number; failureThreshold: number }) =>
        probe.periodSeconds * probe.failureThreshold;
      expect(patience(livenessProbe)).toBeGreaterThanOrEqual(60);
      expect(patience(readinessProbe)).toBeLessThan(patience(livenessProbe));
    });

    it('is reached by the Service on that port', () => {
      const service = one('Service').spec;
      expect(selects(service.selector, one('Deployment').spec.template.metadata.labels)).toBe(true);
      const names = container().ports.map((port: { name: string }) => port.name);
      for (const port of service.ports) expect(names).toContain(port.targetPort);
    });

    it('runs as a non-root user on a read-only root file system, writing only its cache to an emptyDir', () => {
      const pod = one('Deployment').spec.template.spec;
      expect(pod.securityContext.runAsNonRoot).toBe(true);
      expect(pod.securityContext.runAsUser).toBeGreaterThan(0);
      const { securityContext, volumeMounts } = container();
      expect(securityContext).toMatchObject({
        readOnlyRootFilesystem: true,
        allowPrivilegeEscalation: false,
      });
      expect(securityContext.capabilities.drop).toEqual(['ALL']);
      const writable = volumeMounts.filter((mount: { readOnly?: boolean }) => !mount.readOnly);
      expect(writable).toHaveLength(1);
      expect(env().CALMA_CACHE_DIR.startsWith(`${writable[0].mountPath}/`)).toBe(true);
      const volume = pod.volumes.find((each: { name: string }) => each.name === writable[0].name);
      expect(volume.emptyDir).toBeDefined();
    });

    it('asks for the memory docs/benchmarks.md measured, with room for its peaks', () => {
      const { requests, limits } = container().resources;
      for (const kind of ['cpu', 'memory']) {
        expect(quantity(requests[kind])).toBeGreaterThan(0);
        expect(quantity(requests[kind])).toBeLessThanOrEqual(quantity(limits[kind]));
      }
      // RSS: 131 MiB after 10,000 incidents (peak 176), 243 MiB at the reminder bench's peak.
      expect(quantity(requests.memory)).toBeGreaterThanOrEqual(176 * 2 ** 20);
      expect(quantity(limits.memory)).toBeGreaterThanOrEqual(243 * 2 ** 20);
    });

    it('reads its tokens from the Secret docs/operations.md creates, and a calma.yaml that calma accepts', async () => {
      expect(container().envFrom).toEqual([{ secretRef: { name: 'calma-secrets' } }]);
      const operations = await readFile(path.join(root, 'docs/operations.md'), 'utf8');
      expect(operations).toContain('kubectl -n calma create secret generic calma-secrets --from-env-file=');

      const config = container().volumeMounts.find((mount: { name: string }) => mount.name === 'config');
      expect(env().CALMA_CONFIG).toBe(`${config.mountPath}/calma.yaml`);
      const volume = one('Deployment').spec.template.spec.volumes.find(
        (each: { name: string }) => each.name === 'config',
      );
      expect(volume.configMap.name).toBe(one('ConfigMap').metadata.name);
      const scratch = await mkdtemp(path.join(tmpdir(), 'calma-k8s-'));
      try {
        const file = path.join(scratch, 'calma.yaml');
        await writeFile(file, one('ConfigMap').data?.['calma.yaml'] ?? '');
        const loaded = await loadConfig({ ...env(), CALMA_CONFIG: file });
        expect(loaded.env.PORT).toBe(3000);
      } finally {
        await rm(scratch, { recursive: true, force: true });
      }
    });

    it('uses the image kustomization.yaml sets', () => {
      expect(kustomization.images.map((image) => image.name)).toEqual([container().image]);
    });
  });

  it('has an Ingress example that exposes only Slack and the alert webhooks, through the Service', () => {
    const [ingress] = example;
    const service = one('Service');
    const paths = ingress?.spec.rules.flatMap((rule: { http: { paths: unknown[] } }) => rule.http.paths);
    expect(paths.map((each: { path: string }) => each.path).sort()).toEqual(['/alerts', '/slack/events']);
    for (const each of paths) {
      expect(each.backend.service.name).toBe(service.metadata.name);
      expect(service.spec.ports.map((port: { name: string }) => port.name)).toContain(
        each.backend.service.port.name,
      );
    }
  });
});
