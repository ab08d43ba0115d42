import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { compressAssets, isCompressible } from './compress-assets';

describe('compressAssets (pre-compressed siblings for the admin UI build)', () => {
  let dir: string;
  const write = (file: string, content: string | Buffer) => {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), content);
  };
  const bigScript = Array.from({ length: 400 }, (_, i) => `export const value${i} = ${i};`).join(
    '\n',
  );

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tt-ui-compress-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes .br and .gz beside each compressible file, decoding to the original bytes', async () => {
    write('main-ABCDEF12.js', bigScript);
    write('styles-ABCDEF12.css', `body{margin:0}\n`.repeat(200));
    write('media/icon-ABCDEF12.svg', `<svg>${'<path d="M0 0h24v24H0z"/>'.repeat(100)}</svg>`);
    write('ngsw.json', JSON.stringify({ hashTable: { a: 'b'.repeat(2000) } }));

    const results = await compressAssets(dir);

    expect(results.map((r) => r.file)).toEqual([
      'main-ABCDEF12.js',
      'media/icon-ABCDEF12.svg',
      'ngsw.json',
      'styles-ABCDEF12.css',
    ]);
    for (const { file, bytes, brotliBytes, gzipBytes } of results) {
      const original = readFileSync(join(dir, file));
      expect(bytes).toBe(original.length);
      const br = readFileSync(join(dir, `${file}.br`));
      const gz = readFileSync(join(dir, `${file}.gz`));
      expect(br.length).toBe(brotliBytes);
      expect(gz.length).toBe(gzipBytes);
      expect(br.length).toBeLessThan(original.length);
      expect(brotliDecompressSync(br).equals(original)).toBe(true);
      expect(gunzipSync(gz).equals(original)).toBe(true);
    }
  });

  it('leaves small files, binary formats and existing siblings alone', async () => {
    write('favicon.svg', '<svg/>'); // under 1 kB
    write('media/font-ABCDEF12.woff2', Buffer.alloc(4096, 7));
    write('photo.png', Buffer.alloc(4096, 7));
    write('main-ABCDEF12.js', bigScript);

    await compressAssets(dir);
    const again = await compressAssets(dir); // a second run does not compress the siblings

    expect(again.map((r) => r.file)).toEqual(['main-ABCDEF12.js']);
    for (const file of ['favicon.svg', 'media/font-ABCDEF12.woff2', 'photo.png']) {
      expect(existsSync(join(dir, `${file}.br`))).toBe(false);
      expect(existsSync(join(dir, `${file}.gz`))).toBe(false);
    }
    expect(existsSync(join(dir, 'main-ABCDEF12.js.br.br'))).toBe(false);
  });

  it('skips an encoding that would not be smaller', async () => {
    // Random bytes do not compress: a sibling would only cost a negotiation.
    const noise = Buffer.from(
      Array.from({ length: 3000 }, () => Math.floor(Math.random() * 256)),
    ).toString('base64');
    write('noise.txt', noise);
    const [result] = await compressAssets(dir);
    expect(result.file).toBe('noise.txt');
    for (const [encoding, size] of [
      ['br', result.brotliBytes],
      ['gz', result.gzipBytes],
    ] as const) {
      expect(existsSync(join(dir, `noise.txt.${encoding}`))).toBe(size !== undefined);
    }
  });

  it('chooses by extension and size', () => {
    expect(isCompressible('/x/main-ABCDEF12.js', 5000)).toBe(true);
    expect(isCompressible('/x/manifest.webmanifest', 1024)).toBe(true);
    expect(isCompressible('/x/INDEX.HTML', 2048)).toBe(true);
    expect(isCompressible('/x/main-ABCDEF12.js', 1023)).toBe(false);
    expect(isCompressible('/x/main-ABCDEF12.js.br', 5000)).toBe(false);
    expect(isCompressible('/x/logo.png', 5000)).toBe(false);
  });
});
