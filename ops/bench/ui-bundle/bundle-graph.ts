/** The part of esbuild's metafile (Angular's `--stats-json`) that sizing needs. */
export interface BuildStats {
  outputs: Record<
    string,
    {
      bytes: number;
      entryPoint?: string;
      imports?: { path: string; kind: string }[];
    }
  >;
}

export interface ChunkGroup {
  /** `initial`, or the lazy entry's source path (a route's component or routes file). */
  name: string;
  files: string[];
}

const STATIC_IMPORT = 'import-statement';

/** The file and every file it statically imports, transitively (what loading it downloads). */
function closure(stats: BuildStats, file: string, into = new Set<string>()): Set<string> {
  if (into.has(file) || !stats.outputs[file]) return into;
  into.add(file);
  for (const entry of stats.outputs[file].imports ?? []) {
    if (entry.kind === STATIC_IMPORT) closure(stats, entry.path, into);
  }
  return into;
}

/**
 * Splits the build into what the first page load downloads (the `main` entry, its static
 * imports and the global styles) and, for each lazy route, what navigating there adds.
 */
export function groupChunks(stats: BuildStats): { initial: ChunkGroup; lazy: ChunkGroup[] } {
  const files = Object.keys(stats.outputs);
  const main = files.find((file) => /(^|\/)main-[\w]+\.js$/.test(file));
  if (!main) throw new Error('No main-*.js in the build stats: is this an Angular build?');
  const initialFiles = closure(stats, main);
  for (const file of files) if (/(^|\/)styles-[\w]+\.css$/.test(file)) initialFiles.add(file);

  const lazy: ChunkGroup[] = [];
  for (const file of files) {
    const entryPoint = stats.outputs[file]?.entryPoint;
    if (!entryPoint || !file.endsWith('.js') || initialFiles.has(file)) continue;
    if (/(^|\/)(main|polyfills)-/.test(file)) continue;
    const added = [...closure(stats, file)].filter((f) => !initialFiles.has(f));
    lazy.push({ name: entryPoint, files: added });
  }
  lazy.sort((a, b) => a.name.localeCompare(b.name));
  return { initial: { name: 'initial', files: [...initialFiles] }, lazy };
}

/** Every emitted script chunk that is not part of the first load. */
export function lazyScriptFiles(stats: BuildStats, initial: ChunkGroup): string[] {
  return Object.keys(stats.outputs).filter(
    (file) => file.endsWith('.js') && !initial.files.includes(file),
  );
}
