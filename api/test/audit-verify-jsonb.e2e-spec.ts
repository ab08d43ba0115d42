import { Client } from 'pg';
import { canonicalJson } from '../src/audit-log/chain/canonical-json';
import { FALLBACK, writeCanonicalJsonb } from '../src/audit-log/chain/jsonb-canonical';
import { AWKWARD, randomJson, randomOf } from '../src/audit-log/chain/jsonb-samples';

/**
 * Verify writes the canonical JSON of `changes` from jsonb's text bytes: proved here on the
 * text the real Postgres writes, against the parse path it replaces.
 */
describe('canonical JSON from jsonb text (e2e, real Postgres)', () => {
  const client = new Client({ connectionString: process.env.DATABASE_URL });

  beforeAll(() => client.connect());
  afterAll(() => client.end());

  it('writes what JSON.parse and canonicalJson write, for every value Postgres prints', async () => {
    const random = randomOf(2026);
    const values = [...AWKWARD, ...Array.from({ length: 2000 }, () => randomJson(random, 4))];
    // Also numbers only Postgres prints this way (trailing zeros, 20 digits).
    const texts = [
      ...values.map((value) => JSON.stringify(value)),
      '[1.0, 0.10, -0.0, 12345678901234567890, 1e2, 2.50e-3, 100000000000000000000000]',
      '{"b": {"x": 1.000}, "a": [-0, 0.0]}',
    ];
    const { rows } = await client.query<{ text: string }>(
      'SELECT j::jsonb::text AS text FROM unnest($1::text[]) WITH ORDINALITY AS t(j, n) ORDER BY n',
      [texts],
    );
    expect(rows).toHaveLength(texts.length);
    let fast = 0;
    for (const { text } of rows) {
      const src = Buffer.from(text, 'utf8');
      const out = Buffer.alloc(src.length);
      const end = writeCanonicalJsonb(src, 0, src.length, out, 0);
      const expected = canonicalJson(JSON.parse(text));
      if (end !== FALLBACK) {
        fast += 1;
        expect(out.toString('utf8', 0, end)).toBe(expected);
      }
    }
    expect(fast).toBeGreaterThan(rows.length / 2);
  });
});
