import fc from 'fast-check';
import type { JsonValue } from './schema-arbitrary';
import type { SchemaObject } from './openapi';

/**
 * The hostile corpus mixed into INVALID requests. Each list targets a way input has broken
 * servers before: storage (NUL, lone surrogates), parsers (malformed or deep JSON), casts
 * (numbers and dates that are not), queries (SQL, LIKE and full-text syntax), and identity
 * (forged tokens and cursors). Everything here must be answered with a 4xx problem.
 */

/** Keys that poison `Object.prototype` when a naive merge copies them. */
export const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype'] as const;

export const HOSTILE_STRINGS: readonly string[] = [
  '',
  ' ',
  '   \t  ',
  '\u0000',
  'a\u0000b',
  '\uD800',
  '\uDFFF',
  'x\uD83D',
  '\uDE00y',
  // SQL, LIKE and full-text syntax
  "' OR '1'='1",
  "'; DROP TABLE tasks; --",
  '1; SELECT pg_sleep(5)',
  "%' AND 1=1 --",
  '\\',
  "\\'",
  '$$',
  "E'\\x00'",
  '%',
  '_',
  '%%%%',
  '\\%',
  '"unterminated',
  '-',
  '!!',
  '&|:*<->',
  '()',
  'or or or',
  'a:* & !b',
  // NoSQL-ish and template injection
  '{"$gt":""}',
  '$where',
  '[$ne]=1',
  '{{7*7}}',
  '${jndi:ldap://127.0.0.1/a}',
  '<script>alert(1)</script>',
  '<!--',
  // path traversal
  '../../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '..%2F..%2Fetc%2Fpasswd',
  '%2e%2e%2f',
  '....//',
  '/./',
  // format strings
  '%s%s%s%n',
  '%x%x%x',
  '{0}',
  '%d',
  // direction, invisible and composed characters
  '\u202Egnp.exe',
  '\u200B',
  '\u200D\u200D',
  '\uFEFF',
  '👩‍👩‍👧‍👦',
  'e\u0301'.repeat(40),
  'Z̴̡̛͓a̷l̶g̷o̵',
  '\u0600\u0601\u0602',
  '\r\n',
  'a\r\nSet-Cookie: x=y',
  '\u001b[31m',
  '\uFFFF',
  '\uFFFE',
  // numbers and words as strings
  '1',
  '-1',
  '0',
  '1e309',
  'NaN',
  'Infinity',
  '0x10',
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
  // emails that are not
  '@',
  'a@b',
  'ADMIN@EXAMPLE.COM ',
  `${'a'.repeat(250)}@example.com`,
];

/** Over-long strings: around and well past the spec's bounds (40, 100, 200, 254, 256, 1024, 10000). */
const OVERLONG_LENGTHS = [41, 101, 201, 255, 257, 1025, 10_001, 20_000];

/** Characters inserted into otherwise ordinary strings. */
const INSERTED = ['\u0000', '\uD800', '\uDFFF', '\u202E', '\u200B', '\uFEFF', "'", '"', '\\', '%'];

export function hostileString(): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          fc.string({ unit: 'grapheme-ascii', maxLength: 12 }),
          fc.constantFrom(...INSERTED),
          fc.nat(),
        )
        .map(([text, bad, at]) => {
          const cut = text.length === 0 ? 0 : at % (text.length + 1);
          return `${text.slice(0, cut)}${bad}${text.slice(cut)}`;
        }),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.constantFrom(...OVERLONG_LENGTHS), fc.constantFrom('a', 'é', '😀', "'"))
        .map(([length, unit]) => unit.repeat(length)),
    },
  );
}

export const HOSTILE_NUMBER_TEXTS: readonly string[] = [
  '0',
  '-1',
  '1.5',
  '1e3',
  '1e309',
  '-0',
  'NaN',
  'Infinity',
  '-Infinity',
  '0x1F',
  '0b11',
  '1_000',
  ' 5',
  '5 ',
  '+5',
  '05',
  '',
  'abc',
  '9'.repeat(30),
  '5abc',
  '١٢',
  '５',
  '2147483648',
  '9007199254740993',
];

/** Numbers past what storage holds: int4, doubles' exact integers, Postgres bigint (2^63 - 1). */
export const BIG_NUMBER_TEXTS: readonly string[] = [
  '2147483648',
  '9007199254740993',
  '9223372036854775807',
  '9223372036854775808',
  '9999999999999999999',
  '100000000000000000000',
];

export const HOSTILE_BOOLEAN_TEXTS: readonly string[] = [
  'yes',
  '1',
  '0',
  'TRUE',
  'False',
  'on',
  '',
];

export const HOSTILE_DATE_TIMES: readonly string[] = [
  '2026-02-30T10:00:00Z',
  '2026-13-01T00:00:00Z',
  '2026-01-01T25:00:00Z',
  '9999-12-31T23:59:59Z',
  '10000-01-01T00:00:00Z',
  '+275760-09-13T00:00:00.000Z',
  '-000001-01-01T00:00:00Z',
  '0000-01-01T00:00:00Z',
  '1970-01-01',
  '2026-01-01T00:00:00',
  '2026-01-01T00:00:00+25:00',
  '2026-01-01T00:00:00.1234567890Z',
  '2026-01-01t00:00:00z',
  '2026-01-01 00:00:00+00',
  '2026-W01',
  '2026-W01-1',
  '20260101T000000Z',
  '2026-001',
  '-4714-01-01',
  'yesterday',
  'now',
  '1700000000',
];

export const HOSTILE_UUIDS: readonly string[] = [
  'not-a-uuid',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  'FFFFFFFF-FFFF-4FFF-BFFF-FFFFFFFFFFFF',
  '{6a1f7a53-3f3c-4a2b-9c39-4f0c0e0f8d11}',
  '6a1f7a533f3c4a2b9c394f0c0e0f8d11',
  '6a1f7a53-3f3c-4a2b-9c39-4f0c0e0f8d1',
  '6a1f7a53-3f3c-4a2b-9c39-4f0c0e0f8d111',
  '6a1f7a53-3f3c-4a2b-9c39-4f0c0e0f8d1g',
  '6a1f7a53-3f3c-4a2b-9c39-4f0c0e0f8d11\n',
  ' 6a1f7a53-3f3c-4a2b-9c39-4f0c0e0f8d11',
  '1',
  '-1',
];

/** Values a field should never accept, typed after the field's schema where that helps. */
export function hostileFor(schema: SchemaObject | undefined): fc.Arbitrary<JsonValue> {
  const typed: Array<fc.Arbitrary<JsonValue>> = [];
  if (schema?.format === 'uuid') typed.push(fc.constantFrom(...HOSTILE_UUIDS));
  if (schema?.format === 'date-time' || schema?.format === 'date') {
    typed.push(fc.constantFrom(...HOSTILE_DATE_TIMES));
  }
  // Numbers, and strings whose pattern makes them numbers (audit seqs are decimal strings).
  if (schema?.type === 'number' || schema?.type === 'integer' || schema?.pattern !== undefined) {
    typed.push(fc.constantFrom(...HOSTILE_NUMBER_TEXTS), fc.constantFrom(...BIG_NUMBER_TEXTS));
  }
  if (schema?.type === 'boolean') typed.push(fc.constantFrom(...HOSTILE_BOOLEAN_TEXTS));
  return typed.length === 0
    ? hostileJsonValue()
    : fc.oneof({ weight: 2, arbitrary: fc.oneof(...typed) }, hostileJsonValue());
}

/** Builds `{ [key]: value }` as an own property, even for `__proto__`. */
export function withOwnKey<T extends object>(target: T, key: string, value: JsonValue): T {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return target;
}

/** Arrays (or objects) nested `depth` levels deep, as a value. */
export function deepValue(depth: number, kind: 'array' | 'object' = 'array'): JsonValue {
  let value: JsonValue = kind === 'array' ? [] : {};
  for (let level = 1; level < depth; level++) value = kind === 'array' ? [value] : { a: value };
  return value;
}

export function hostileJsonValue(): fc.Arbitrary<JsonValue> {
  const scalars: JsonValue[] = [null, true, false, 0, -1, 1.5, 1e308, -1e308, 2 ** 31, 2 ** 53];
  const shapes: JsonValue[] = [[], {}, [null], [[]], { '': '' }, { $gt: '' }, { $ne: null }];
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...scalars, ...shapes) },
    { weight: 4, arbitrary: hostileString() },
    { weight: 1, arbitrary: hostileString().map((text): JsonValue => [text]) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.constantFrom(63, 64, 65, 100),
          fc.constantFrom('array' as const, 'object' as const),
        )
        .map(([depth, kind]) => deepValue(depth, kind)),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.constantFrom(...PROTOTYPE_KEYS),
          fc.constantFrom<JsonValue>({ admin: true }, 1, null),
        )
        .map(([key, value]) => withOwnKey({}, key, value)),
    },
  );
}

/** A body as sent: text, and how to encode it (`latin1` carries bytes that are not UTF-8). */
export interface RawBody {
  text: string;
  encoding: 'utf8' | 'latin1';
}

const nest = (depth: number, open: string, inner: string, close: string) =>
  `${open.repeat(depth)}${inner}${close.repeat(depth)}`;

export const HOSTILE_RAW_BODIES: readonly RawBody[] = [
  '',
  ' ',
  '{',
  '}',
  '{"a":}',
  '{"a":1,}',
  "{'title':'x'}",
  '[',
  'nul',
  'NaN',
  'undefined',
  '{"title":"x"}garbage',
  '{"title":"x"}{"title":"y"}',
  '\uFEFF{"title":"x"}',
  '{"title":"x"',
  '{"title":"\\ud800"}',
  '{"title":"\\u0000"}',
  '{"title":1e999}',
  '{"title":"x","title":"y"}',
  '{"__proto__":{"admin":true},"title":"x"}',
  '{"constructor":{"prototype":{"admin":true}},"title":"x"}',
  '{"title":"x","limit":123456789012345678901234567890}',
  'true',
  'null',
  '0',
  '"string"',
  '[]',
  '[{}]',
  nest(65, '[', '', ']'),
  nest(5000, '[', '', ']'),
  nest(70, '{"a":', '1', '}'),
  '['.repeat(100_000),
  `{"title":"${'x'.repeat(150_000)}"}`,
].map((text) => ({ text, encoding: 'utf8' as const }));

/** Bytes that are not valid UTF-8 (sent as latin1, one byte per character). */
export const INVALID_UTF8_BODIES: readonly RawBody[] = [
  '{"title":"\xff\xfe"}',
  '{"title":"\xc0\xae"}',
  '{"title":"\xed\xa0\x80"}',
  Buffer.from('{"title":"utf16"}', 'utf16le').toString('latin1'),
].map((text) => ({ text, encoding: 'latin1' as const }));

export function hostileRawBody(): fc.Arbitrary<RawBody> {
  return fc.constantFrom(...HOSTILE_RAW_BODIES, ...INVALID_UTF8_BODIES);
}

export const HOSTILE_CONTENT_TYPES: readonly string[] = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=----fuzz',
  'application/xml',
  'application/json; charset=utf-16',
  'application/json; charset=iso-8859-1',
  'APPLICATION/JSON',
  'application/json;',
  'application/json; foo=bar',
  'application/jsonx',
  'application/problem+json',
  'application/merge-patch+json',
  'application/octet-stream',
  '*/*',
  'application/*',
  'json',
  '',
];

/**
 * What an HTTP client can put in a header: Node refuses CR, LF, NUL and anything above
 * U+00FF, so other characters go as their UTF-8 bytes (as a raw client would send them).
 */
export function headerSafe(value: string): string {
  return (
    Buffer.from(value, 'utf8')
      .toString('latin1')
      // Control characters are what Node refuses (tab is allowed), so matching them is the point.
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000a-\u001f\u007f]/g, '')
  );
}

export function hostileHeaderValue(): fc.Arbitrary<string> {
  return fc.oneof(
    hostileString().map(headerSafe),
    fc.constantFrom('a'.repeat(8_000), '\u00ff\u00fe', '"', '*', ',,,', '=;=;'),
  );
}

/** Headers worth abusing, beside Authorization and Content-Type (handled on their own). */
export const HOSTILE_HEADER_NAMES: readonly string[] = [
  'If-Match',
  'If-None-Match',
  'Idempotency-Key',
  'Cookie',
  'X-Request-Id',
  'Origin',
  'Accept',
  'Accept-Language',
  'Accept-Encoding',
  'Content-Encoding',
  'User-Agent',
  'X-Forwarded-For',
  'Range',
  'Last-Event-ID',
];

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

/** Forged, tampered and malformed credentials, derived from a real access token. */
export function hostileAuthorization(realJwt: string): fc.Arbitrary<string> {
  const [header = '', payload = '', signature = ''] = realJwt.split('.');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
  const resigned = (changes: Record<string, unknown>) =>
    `${header}.${base64url(JSON.stringify({ ...claims, ...changes }))}.${signature}`;
  const flipped = `${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`;
  return fc.oneof(
    fc.constantFrom(
      '',
      'Bearer',
      'Bearer ',
      `Bearer  ${realJwt}`,
      `bearer ${realJwt}`,
      `Bearer ${realJwt}x`,
      `Bearer ${header}.${payload}.${flipped}`,
      `Bearer ${base64url('{"alg":"none","typ":"JWT"}')}.${payload}.`,
      `Bearer ${base64url('{"alg":"HS256","typ":"JWT"}')}.${payload}.${signature}`,
      `Bearer ${resigned({ sub: '00000000-0000-0000-0000-000000000000' })}`,
      `Bearer ${resigned({ exp: 'never' })}`,
      `Bearer ${resigned({ roles: ['admin'] })}`,
      `Bearer ${header}.${payload}`,
      'Bearer ..',
      'Bearer a.b.c',
      `Bearer ${base64url('{')}.${base64url('{')}.x`,
      'Bearer tt_',
      'Bearer tt_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      'Basic YWRtaW46YWRtaW4=',
      `Bearer ${realJwt}, Bearer ${realJwt}`,
      `Bearer ${'a'.repeat(8_000)}`,
      'Bearer \u00ff\u00fe',
    ),
    hostileString().map((text) => `Bearer ${headerSafe(text)}`),
  );
}

/** Cursor keys of the wrong kind: impossible dates, words where numbers or ids belong. */
export const HOSTILE_CURSOR_KEYS: readonly JsonValue[] = [
  '2026-02-30T10:00:00.000Z',
  '0000-01-01T00:00:00.000Z',
  '9999-99-99',
  'yesterday',
  'extreme',
  'abc',
  '1.5',
  '-1',
  '99999999999999999999',
  'a'.repeat(101),
  "' OR 1=1 --",
  'not-a-uuid',
  '',
  null,
  42,
  [],
  {},
];

/** A cursor payload as `encodeCursor` writes it, with any content. */
export function encodeCursorPayload(payload: JsonValue): string {
  return base64url(JSON.stringify(payload));
}

/** Cursors this API never issued: malformed text, other versions, keys of the wrong shape. */
export function hostileCursor(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom('', '=', '!!!', 'eyJ', 'e30', 'bnVsbA', 'W10', 'a+b/c==', '%', 'null'),
    fc.string({
      unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'),
      maxLength: 40,
    }),
    fc
      .tuple(
        fc.constantFrom<JsonValue>(1, 2, 0, '1', null),
        fc.constantFrom<JsonValue>('x', '', 0, null),
        fc.array(fc.constantFrom(...HOSTILE_CURSOR_KEYS), { maxLength: 3 }),
      )
      .map(([v, f, k]) => encodeCursorPayload({ v, f, k })),
    fc
      .constantFrom<JsonValue>(null, [], 'text', 7, { v: 1 }, { v: 1, f: 'x', k: 'k' })
      .map(encodeCursorPayload),
  );
}

/** Decodes the payload of a cursor this API issued (to edit its keys). */
export function decodeCursorPayload(cursor: string): { v: JsonValue; f: JsonValue; k: JsonValue } {
  return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as {
    v: JsonValue;
    f: JsonValue;
    k: JsonValue;
  };
}

/** Raw query-string fragments, appended unencoded: broken escapes, brackets, repeated keys. */
export const HOSTILE_RAW_QUERIES: readonly string[] = [
  '%',
  '%zz',
  'a=%',
  'q=%C0%80',
  'q=%ED%A0%80',
  'q=%00',
  'q=%FF%FE',
  '&&&',
  '=',
  '==',
  'status[]=todo',
  'status[0]=todo',
  'limit[]=1',
  '__proto__[admin]=1',
  'constructor[prototype][admin]=1',
  'limit=1&limit=2',
  'cursor=&cursor=',
  ';limit=1',
  'q=caf\u00e9',
  'limit',
  `q=${'a'.repeat(5_000)}`,
];

/** Path segments sent unencoded in place of a path parameter. */
export const HOSTILE_RAW_SEGMENTS: readonly string[] = [
  '..',
  '.',
  '%2e%2e',
  '..%2f..%2fusers',
  '%',
  '%zz',
  '%00',
  '%C0%AE',
  '%20',
  '\u00ff',
  'events',
  'stats',
  'bulk',
  'me',
  'a'.repeat(101),
  'a'.repeat(3_000),
];
