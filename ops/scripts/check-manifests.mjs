// Static checks for the deployment files under ops/ (no Docker engine or cluster needed):
//   node ops/scripts/check-manifests.mjs
//
// 1. Every *.yaml / *.yml under ops/ parses (all documents of a multi-document file).
// 2. Every Kubernetes Deployment has, for each container: resource requests and a memory limit;
//    a securityContext that runs as non-root, forbids privilege escalation and keeps the root
//    filesystem read-only (with a writable /tmp mounted); startup/readiness/liveness probes when
//    it serves a port. Every app container (API and worker: it sets APP_ROLE) serves one.
// 3. App containers' probes hit the Terminus routes, the API has a preStop sleep, and every
//    Deployment's termination grace period outlasts its preStop sleep plus the app's
//    SHUTDOWN_GRACE_MS (from the ConfigMap).
// 4. Every CronJob's containers meet the same resources and securityContext rules; the job
//    cannot overlap itself (concurrencyPolicy Forbid), is bounded (activeDeadlineSeconds), never
//    restarts in place (restartPolicy Never, so a failed run stays visible), and runs a compiled
//    ops script (`node dist/ops/<x>.js`) whose source ops/<x>.ts exists and is built into dist
//    (tsconfig.build.json includes ops/).
// 5. Every file a kustomization.yaml lists exists.
// Exits 1 and lists the problems if any check fails.
//
// YAML parser: js-yaml, already installed as a dependency of @nestjs/swagger (no new package).
// Merge keys (`<<: *anchor`, used by compose.yaml) are enabled for js-yaml 5 and 4 alike.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import * as yaml from 'js-yaml';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const opsDir = join(repoRoot, 'ops');

const LIVE_PATH = '/api/v1/health/live';
const READY_PATH = '/api/v1/health/ready';

// js-yaml 5: the core schema plus the merge tag (its YAML 1.1 schema would also turn `y`/`yes`
// into booleans). js-yaml 4: the default schema already merges.
const loadOptions =
  yaml.CORE_SCHEMA && typeof yaml.CORE_SCHEMA.withTags === 'function' && yaml.mergeTag
    ? { schema: yaml.CORE_SCHEMA.withTags(yaml.mergeTag) }
    : {};

const problems = [];
const problem = (file, message) => problems.push(`${file}: ${message}`);

function yamlFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : yamlFiles(path);
    return /\.ya?ml$/.test(entry.name) ? [path] : [];
  });
}

/** [{ file, doc }] for every non-empty document; parse errors are recorded as problems. */
function loadDocuments(files) {
  return files.flatMap((path) => {
    const file = relative(repoRoot, path);
    try {
      return yaml
        .loadAll(readFileSync(path, 'utf8'), null, loadOptions)
        .filter((doc) => doc !== null && doc !== undefined)
        .map((doc) => ({ file, path, doc }));
    } catch (error) {
      problem(file, `does not parse: ${error instanceof Error ? error.message : String(error)}`);
      return [];
    }
  });
}

function preStopSleepSeconds(container) {
  const command = container.lifecycle?.preStop?.exec?.command;
  if (Array.isArray(command) && command[0] === 'sleep') return Number(command[1]) || 0;
  const sleep = container.lifecycle?.preStop?.sleep?.seconds;
  return typeof sleep === 'number' ? sleep : 0;
}

/** Resources and securityContext rules every container meets, in a Deployment or a Job. */
function checkContainerBasics(file, at, pod, container) {
  const podSecurity = pod.securityContext ?? {};
  const tmpVolumes = new Set(
    (pod.volumes ?? []).filter((volume) => volume.emptyDir).map((volume) => volume.name),
  );
  const resources = container.resources ?? {};
  if (!resources.requests?.cpu || !resources.requests?.memory) {
    problem(file, `${at}: resources.requests needs cpu and memory`);
  }
  if (!resources.limits?.memory) problem(file, `${at}: resources.limits.memory is missing`);

  if (!container.securityContext) problem(file, `${at}: no container securityContext`);
  const security = container.securityContext ?? {};
  if ((security.runAsNonRoot ?? podSecurity.runAsNonRoot) !== true) {
    problem(file, `${at}: runAsNonRoot must be true`);
  }
  if (security.allowPrivilegeEscalation !== false) {
    problem(file, `${at}: allowPrivilegeEscalation must be false`);
  }
  if (security.readOnlyRootFilesystem !== true) {
    problem(file, `${at}: readOnlyRootFilesystem must be true`);
  } else if (
    !(container.volumeMounts ?? []).some(
      (mount) => mount.mountPath === '/tmp' && tmpVolumes.has(mount.name),
    )
  ) {
    problem(file, `${at}: read-only root filesystem but no emptyDir mounted at /tmp`);
  }
  if (!(security.capabilities?.drop ?? []).includes('ALL')) {
    problem(file, `${at}: capabilities.drop must include ALL`);
  }
}

function checkDeployment(file, deployment, shutdownGraceSeconds) {
  const name = deployment.metadata?.name ?? '(unnamed)';
  const where = `Deployment ${name}`;
  const pod = deployment.spec?.template?.spec;
  if (!pod) return problem(file, `${where} has no pod template`);
  const containers = pod.containers ?? [];
  if (containers.length === 0) problem(file, `${where} has no containers`);

  for (const container of containers) {
    const at = `${where}, container ${container.name}`;
    checkContainerBasics(file, at, pod, container);

    const appContainer = container.env?.some((variable) => variable.name === 'APP_ROLE');
    const servesPort = (container.ports ?? []).length > 0;
    if (appContainer && !servesPort) {
      problem(file, `${at}: every role serves its probes over HTTP; declare the port`);
    }
    if (servesPort) {
      for (const probe of ['startupProbe', 'readinessProbe', 'livenessProbe']) {
        // A startup probe matters where start-up can be slow (migrations); optional elsewhere.
        if (probe === 'startupProbe' && !appContainer) continue;
        if (!container[probe]) problem(file, `${at}: ${probe} is missing`);
      }
    }
    if (appContainer) {
      const path = (probe) => container[probe]?.httpGet?.path;
      if (path('readinessProbe') !== READY_PATH) {
        problem(file, `${at}: readinessProbe must GET ${READY_PATH}`);
      }
      if (path('livenessProbe') !== LIVE_PATH) {
        problem(file, `${at}: livenessProbe must GET ${LIVE_PATH}`);
      }
      if (path('startupProbe') !== LIVE_PATH) {
        problem(file, `${at}: startupProbe must GET ${LIVE_PATH}`);
      }
    }
    if (name === 'tasktrackr-api' && preStopSleepSeconds(container) <= 0) {
      problem(file, `${at}: needs a preStop sleep so endpoints are removed before SIGTERM`);
    }

    if (appContainer && shutdownGraceSeconds !== undefined) {
      const needed = preStopSleepSeconds(container) + shutdownGraceSeconds;
      const grace = pod.terminationGracePeriodSeconds ?? 30;
      if (grace <= needed) {
        problem(
          file,
          `${at}: terminationGracePeriodSeconds (${grace}) must exceed preStop sleep + SHUTDOWN_GRACE_MS (${needed} s)`,
        );
      }
    }
  }
}

const buildConfig = JSON.parse(readFileSync(join(repoRoot, 'tsconfig.build.json'), 'utf8'));
/** tsconfig.build.json compiles every ops/ source except the folders it excludes (`ops/bench/**`). */
const builtIntoDist = (source) =>
  (buildConfig.include ?? []).includes('ops/**/*.ts') &&
  !(buildConfig.exclude ?? [])
    .filter((glob) => glob.endsWith('/**'))
    .some((glob) => source.startsWith(glob.slice(0, -2)));

function checkCronJob(file, cronJob) {
  const name = cronJob.metadata?.name ?? '(unnamed)';
  const where = `CronJob ${name}`;
  const job = cronJob.spec?.jobTemplate?.spec;
  const pod = job?.template?.spec;
  if (!pod) return problem(file, `${where} has no pod template`);
  if (cronJob.spec.concurrencyPolicy !== 'Forbid') {
    problem(file, `${where}: concurrencyPolicy must be Forbid (two runs must never overlap)`);
  }
  if (!(job.activeDeadlineSeconds > 0)) problem(file, `${where}: activeDeadlineSeconds is missing`);
  if (pod.restartPolicy !== 'Never') {
    problem(file, `${where}: restartPolicy must be Never (a failed run stays visible as a pod)`);
  }
  const containers = pod.containers ?? [];
  if (containers.length === 0) problem(file, `${where} has no containers`);
  for (const container of containers) {
    const at = `${where}, container ${container.name}`;
    checkContainerBasics(file, at, pod, container);
    const [program, script] = container.command ?? [];
    const compiled = /^dist\/(ops\/.+)\.js$/.exec(script ?? '');
    if (program !== 'node' || !compiled) {
      problem(file, `${at}: command must be ['node', 'dist/ops/<script>.js', ...]`);
      continue;
    }
    const source = `${compiled[1]}.ts`;
    if (!existsSync(join(repoRoot, source)))
      problem(file, `${at}: runs ${script}, but ${source} does not exist`);
    if (!builtIntoDist(source))
      problem(file, `${at}: ${source} is not compiled into dist (tsconfig.build.json)`);
  }
}

const files = yamlFiles(opsDir);
const documents = loadDocuments(files);

const configMap = documents.find(
  ({ doc }) => doc.kind === 'ConfigMap' && doc.metadata?.name === 'tasktrackr-config',
);
const graceMs = configMap?.doc.data?.SHUTDOWN_GRACE_MS;
const shutdownGraceSeconds = graceMs === undefined ? undefined : Number(graceMs) / 1000;

let deployments = 0;
let cronJobs = 0;
for (const { file, path, doc } of documents) {
  if (doc.kind === 'Deployment') {
    deployments += 1;
    checkDeployment(file, doc, shutdownGraceSeconds);
  }
  if (doc.kind === 'CronJob') {
    cronJobs += 1;
    checkCronJob(file, doc);
  }
  if (doc.kind === 'Kustomization') {
    for (const resource of doc.resources ?? []) {
      if (!existsSync(join(dirname(path), resource))) {
        problem(file, `lists ${resource}, which does not exist`);
      }
    }
  }
}

if (problems.length > 0) {
  process.stderr.write(`check-manifests: ${problems.length} problem(s)\n`);
  for (const line of problems) process.stderr.write(`  - ${line}\n`);
  process.exit(1);
}
process.stdout.write(
  `check-manifests: ${files.length} YAML files, ${documents.length} documents, ${deployments} Deployments, ${cronJobs} CronJobs: ok\n`,
);
