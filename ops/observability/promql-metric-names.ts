/**
 * The metric names a PromQL expression selects, without a PromQL parser: string literals, label
 * matchers (`{...}`), range and subquery brackets (`[5m]`, `[$__rate_interval]`) and grouping
 * clauses (`by (le)`, `on (job)`, `group_left (x)`) are removed, then every remaining identifier
 * that is not a function call, a keyword or a number is a metric name.
 */
const KEYWORDS = new Set([
  'and',
  'or',
  'unless',
  'bool',
  'offset',
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'inf',
  'nan',
]);

export function metricNamesIn(expr: string): string[] {
  const names = new Set<string>();
  // `{__name__="x"}` is the one label matcher that names a metric.
  for (const match of expr.matchAll(/__name__\s*=\s*"([^"]+)"/g)) names.add(match[1]);
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/gi, ' ')
    .replace(/#[^\n]*/g, ' ');
  for (const match of stripped.matchAll(/(?<![\w.$])([a-zA-Z_:][a-zA-Z0-9_:]*)(\s*\()?/g)) {
    const [, name, call] = match;
    if (call !== undefined || KEYWORDS.has(name.toLowerCase())) continue;
    names.add(name);
  }
  return [...names].sort();
}

/** Suffixes Prometheus derives from one histogram (or summary) family. */
const DERIVED_SUFFIXES: Record<string, string[]> = {
  histogram: ['_bucket', '_sum', '_count'],
  summary: ['_sum', '_count'],
};

/**
 * Families in a text exposition (`/metrics`): name → type, from the `# TYPE` lines (prom-client
 * writes one for every registered metric, even one with no series yet) and the sample lines.
 */
export function exposedFamilies(exposition: string): Map<string, string> {
  const families = new Map<string, string>();
  for (const line of exposition.split('\n')) {
    const type = /^# TYPE (\S+) (\S+)/.exec(line);
    if (type) families.set(type[1], type[2]);
  }
  for (const line of exposition.split('\n')) {
    const sample = /^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]/.exec(line);
    if (sample && !familyOf(sample[1], families)) families.set(sample[1], 'untyped');
  }
  return families;
}

/** The family a selected series name belongs to (`x_bucket` → histogram `x`), if exposed. */
export function familyOf(name: string, families: Map<string, string>): string | undefined {
  if (families.has(name)) return name;
  for (const [type, suffixes] of Object.entries(DERIVED_SUFFIXES)) {
    for (const suffix of suffixes) {
      const base = name.endsWith(suffix) ? name.slice(0, -suffix.length) : undefined;
      if (base !== undefined && families.get(base) === type) return base;
    }
  }
  return undefined;
}
