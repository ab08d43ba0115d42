import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** Where the committed contract and its generated SDK live. */
export const SDK_DIR = join(ROOT, 'libs', 'sdk');
export const SPEC_PATH = join(SDK_DIR, 'openapi.json');
export const SDK_SCHEMA_PATH = join(SDK_DIR, 'src', 'schema.ts');
