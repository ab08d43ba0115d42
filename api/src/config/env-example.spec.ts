import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { envSchema } from './env.schema';

/** `.env.example` is the configuration's documentation: it must list exactly the schema's variables. */
describe('.env.example', () => {
  it('documents every variable the app reads, and no other', () => {
    const text = readFileSync(join(__dirname, '..', '..', '..', '.env.example'), 'utf8');
    const documented = [...text.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((match) => match[1]);
    expect([...new Set(documented)].sort()).toEqual(Object.keys(envSchema.shape).sort());
  });
});
