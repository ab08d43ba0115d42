/**
 * `npm run bench:profile -- <file.cpuprofile> [--top 15] [--inclusive name=regex ...]`:
 * summarises a V8 CPU profile (from `BENCH_CPU_PROF_DIR=... npm run bench:tasks`, or
 * `node --cpu-prof`) as markdown: the top self-time frames, self time per package, and, for
 * each `--inclusive`, the share of samples with a matching frame anywhere on the stack.
 *
 * Shares are of the non-idle samples, i.e. of the CPU the process spent: on a shared machine
 * absolute times mean little, shares of one profile do.
 */
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  hitCount?: number;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  startTime: number;
  endTime: number;
}

const ROOT = resolve(__dirname, '..', '..', '..');
const IDLE = '(idle)';

/** `fastify`, `@nestjs/core`, `api/src/auth`, `node:internal`... */
export function ownerOf(url: string): string {
  if (url === '') return '(native/V8)';
  const path = url.replace(/^file:\/\//, '');
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(path);
  if (pkg?.[1]) return pkg[1];
  if (path.startsWith('node:')) return 'node (core)';
  const rel = relative(ROOT, path);
  const app = /^(?:dist\/|tmp\/bench-dist\/[^/]+\/)?(api\/src\/[^/]+|ops\/[^/]+)/.exec(rel);
  return app?.[1] ?? rel;
}

function frameLabel(frame: CallFrame): { fn: string; where: string } {
  const path = frame.url.replace(/^file:\/\//, '');
  const short = path.includes('node_modules/')
    ? path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length)
    : path.startsWith('/')
      ? relative(ROOT, path).replace(/^tmp\/bench-dist\/[^/]+\//, '')
      : path;
  return {
    fn: frame.functionName || '(anonymous)',
    where: short ? `${short}:${frame.lineNumber + 1}` : '',
  };
}

export interface Summary {
  sampled: number;
  idleShare: number;
  top: Array<{ fn: string; where: string; share: number }>;
  owners: Array<{ owner: string; share: number }>;
  inclusive: Array<{ name: string; share: number }>;
}

export function summarise(
  profile: CpuProfile,
  top: number,
  inclusive: Array<{ name: string; pattern: RegExp }>,
): Summary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node.id);

  const counts = new Map<number, number>();
  for (const id of profile.samples) counts.set(id, (counts.get(id) ?? 0) + 1);
  let idle = 0;
  let busy = 0;
  const frames = new Map<string, { fn: string; where: string; hits: number }>();
  const owners = new Map<string, number>();
  const matched = inclusive.map(() => 0);
  for (const [id, hits] of counts) {
    const node = byId.get(id);
    if (!node) continue;
    if (node.callFrame.functionName === IDLE) {
      idle += hits;
      continue;
    }
    busy += hits;
    const label = frameLabel(node.callFrame);
    const key = `${label.fn}@${label.where}`;
    const entry = frames.get(key) ?? { ...label, hits: 0 };
    entry.hits += hits;
    frames.set(key, entry);
    const owner = ownerOf(node.callFrame.url);
    owners.set(owner, (owners.get(owner) ?? 0) + hits);
    // A sample counts once per pattern, however many of its frames match.
    const stack: CallFrame[] = [];
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)?.callFrame;
      if (frame) stack.push(frame);
    }
    inclusive.forEach(({ pattern }, i) => {
      if (stack.some((f) => pattern.test(`${f.functionName} ${f.url}`))) matched[i] += hits;
    });
  }
  const share = (hits: number) => (busy > 0 ? hits / busy : 0);
  return {
    sampled: busy + idle,
    idleShare: idle / Math.max(1, busy + idle),
    top: [...frames.values()]
      .sort((a, b) => b.hits - a.hits)
      .slice(0, top)
      .map(({ fn, where, hits }) => ({ fn, where, share: share(hits) })),
    owners: [...owners.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([owner, hits]) => ({ owner, share: share(hits) })),
    inclusive: inclusive.map(({ name }, i) => ({ name, share: share(matched[i] ?? 0) })),
  };
}

const pct = (value: number) => `${(100 * value).toFixed(1)} %`;

export function renderSummary(title: string, s: Summary): string {
  return [
    `${title}: ${s.sampled} samples, ${pct(s.idleShare)} idle; shares below are of the busy samples.`,
    '',
    '| # | Function | File | Self |',
    '| -: | --- | --- | -: |',
    ...s.top.map(
      (f, i) => `| ${i + 1} | \`${f.fn}\` | ${f.where ? `\`${f.where}\`` : ''} | ${pct(f.share)} |`,
    ),
    '',
    '| Owner (self time) | Share |',
    '| --- | -: |',
    ...s.owners.map((o) => `| ${o.owner} | ${pct(o.share)} |`),
    ...(s.inclusive.length > 0 ? ['', '| On the stack (inclusive) | Share |', '| --- | -: |'] : []),
    ...s.inclusive.map((x) => `| ${x.name} | ${pct(x.share)} |`),
  ].join('\n');
}

function main(argv: string[]): void {
  const files: string[] = [];
  const inclusive: Array<{ name: string; pattern: RegExp }> = [];
  let top = 15;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (arg === '--top') top = Number(argv[++i]);
    else if (arg === '--inclusive') {
      const spec = argv[++i] ?? '';
      const eq = spec.indexOf('=');
      if (eq < 1) throw new Error(`--inclusive wants name=regex, got "${spec}"`);
      inclusive.push({ name: spec.slice(0, eq), pattern: new RegExp(spec.slice(eq + 1)) });
    } else files.push(arg);
  }
  if (files.length === 0) throw new Error('usage: top-frames <file.cpuprofile>... [--top N]');
  for (const file of files) {
    const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
    process.stdout.write(
      `${renderSummary(relative(process.cwd(), file), summarise(profile, top, inclusive))}\n\n`,
    );
  }
}

if (require.main === module) main(process.argv.slice(2));
