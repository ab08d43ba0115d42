// @ts-check
/**
 * The import directions of api/src and ops (docs/architecture.md), as ESLint config: one
 * `no-restricted-imports` block per folder, so a backward import fails `npm run lint` with a
 * message that names the rule it breaks.
 */

/** Feature modules; each is used by others only through its index.ts. */
const FEATURES = [
  'auth',
  'users',
  'tasks',
  'audit-log',
  'audit-streams',
  'credentials',
  'health',
  'system',
  'admin-ui',
  'webhooks',
];

/** Building blocks: they import each other and libraries, never a feature. */
const BUILDING_BLOCKS = ['common', 'config', 'database', 'redis', 'queue', 'metrics', 'openapi'];

/** Which other features each feature may use (through their index.ts); all others are off-limits. */
export const MAY_USE = {
  'audit-log': [],
  'audit-streams': ['audit-log'],
  credentials: [],
  'admin-ui': [],
  users: ['audit-log', 'credentials'],
  auth: ['audit-log', 'credentials', 'users'],
  tasks: ['audit-log', 'users'],
  health: ['audit-log'],
  system: ['audit-log'],
  webhooks: ['audit-log'],
};

/** The composition root: only it assembles features. */
const ROOT = ['bootstrap', 'app.module', 'main'];

const DOC = 'See docs/architecture.md.';
const escape = (/** @type {string} */ name) => name.replace(/\./g, '\\.');
/** A relative import climbing to api/src, then into one of `names` (the folder or any file in it). */
const into = (names) => `^(\\.\\./)+(${names.map(escape).join('|')})(/|$)`;
/** Same, but only past the folder's index.ts (a deep import). */
const deepInto = (names) => `^(\\.\\./)+(${names.map(escape).join('|')})/`;

function featureBlock(feature) {
  const allowed = MAY_USE[feature];
  const forbidden = FEATURES.filter((f) => f !== feature && !allowed.includes(f));
  const patterns = [
    {
      regex: into([...forbidden, ...ROOT]),
      message: `${feature} may use only ${allowed.length ? allowed.join(', ') : 'no other feature'} (and building blocks). ${DOC}`,
    },
  ];
  if (allowed.length > 0) {
    patterns.push({
      regex: deepInto(allowed),
      message: `Import another feature through its index.ts only (e.g. '../users'), never its files. ${DOC}`,
    });
  }
  return {
    files: [`api/src/${feature}/**/*.ts`],
    ignores: ['**/*.spec.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns }] },
  };
}

export const importBoundaries = [
  ...FEATURES.map(featureBlock),
  {
    files: BUILDING_BLOCKS.map((block) => `api/src/${block}/**/*.ts`),
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: into([...FEATURES, ...ROOT]),
              message: `Building blocks (common, config, database, …) never import a feature or the app's root. ${DOC}`,
            },
          ],
        },
      ],
    },
  },
  {
    files: ['ops/**/*.ts', 'ops/**/*.mjs'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)api/test(/|$)',
              message: `ops never imports the API's tests; shared helpers live in ops/. ${DOC}`,
            },
            {
              regex: `(^|/)api/src/(${FEATURES.map(escape).join('|')})/`,
              message: `ops imports a feature through its index.ts only (its public names). ${DOC}`,
            },
          ],
        },
      ],
    },
  },
];
