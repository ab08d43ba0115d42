import { type BuildStats, groupChunks, lazyScriptFiles } from './bundle-graph';

const stats: BuildStats = {
  outputs: {
    'main-AAA.js': {
      bytes: 10,
      entryPoint: 'src/main.ts',
      imports: [
        { path: 'chunk-CORE.js', kind: 'import-statement' },
        { path: 'chunk-LOGIN.js', kind: 'dynamic-import' },
        { path: 'chunk-TASKS.js', kind: 'dynamic-import' },
      ],
    },
    'chunk-CORE.js': { bytes: 100 },
    'chunk-LOGIN.js': {
      bytes: 5,
      entryPoint: 'src/app/pages/auth/login-page.ts',
      imports: [{ path: 'chunk-CORE.js', kind: 'import-statement' }],
    },
    'chunk-TASKS.js': {
      bytes: 20,
      entryPoint: 'src/app/pages/tasks/tasks.routes.ts',
      imports: [{ path: 'chunk-TABLE.js', kind: 'import-statement' }],
    },
    'chunk-TABLE.js': { bytes: 40 },
    'styles-BBB.css': { bytes: 7 },
  },
};

describe('groupChunks', () => {
  it('counts main, its static imports and the styles as the first load', () => {
    const { initial } = groupChunks(stats);
    expect(initial.files.sort()).toEqual(['chunk-CORE.js', 'main-AAA.js', 'styles-BBB.css']);
  });

  it('charges each lazy route only what it adds to the first load', () => {
    const { lazy } = groupChunks(stats);
    expect(lazy).toEqual([
      { name: 'src/app/pages/auth/login-page.ts', files: ['chunk-LOGIN.js'] },
      { name: 'src/app/pages/tasks/tasks.routes.ts', files: ['chunk-TASKS.js', 'chunk-TABLE.js'] },
    ]);
  });

  it('lists every script outside the first load as a lazy chunk', () => {
    const { initial } = groupChunks(stats);
    expect(lazyScriptFiles(stats, initial).sort()).toEqual([
      'chunk-LOGIN.js',
      'chunk-TABLE.js',
      'chunk-TASKS.js',
    ]);
  });

  it('refuses stats without a main entry', () => {
    expect(() => groupChunks({ outputs: {} })).toThrow(/main-/);
  });
});
