/** Test-only (excluded from the app build). */

export async function digest(...parts: Uint8Array[]): Promise<Uint8Array> {
  const joined = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    joined.set(part, at);
    at += part.length;
  }
  return new Uint8Array(await crypto.subtle.digest('SHA-256', joined));
}

/**
 * A deliberately naive tree straight from the RFC 9162 §2.1 text (MTH, PATH, PROOF/SUBPROOF
 * as recursive definitions over leaf ranges), independent of the module under test.
 */
export class NaiveTree {
  private readonly memo = new Map<string, Promise<Uint8Array>>();
  constructor(private readonly leaves: Uint8Array[]) {}

  private static split(n: number): number {
    let k = 1;
    while (k * 2 < n) k *= 2;
    return k;
  }

  mth(lo: number, hi: number): Promise<Uint8Array> {
    const key = `${lo}:${hi}`;
    let result = this.memo.get(key);
    if (!result) {
      const n = hi - lo;
      const k = NaiveTree.split(n);
      result =
        n === 0
          ? digest()
          : n === 1
            ? digest(Uint8Array.of(0), this.leaves[lo])
            : Promise.all([this.mth(lo, lo + k), this.mth(lo + k, hi)]).then(([l, r]) =>
                digest(Uint8Array.of(1), l, r),
              );
      this.memo.set(key, result);
    }
    return result;
  }

  async path(m: number, lo: number, hi: number): Promise<Uint8Array[]> {
    const n = hi - lo;
    if (n === 1) return [];
    const k = NaiveTree.split(n);
    return m < k
      ? [...(await this.path(m, lo, lo + k)), await this.mth(lo + k, hi)]
      : [...(await this.path(m - k, lo + k, hi)), await this.mth(lo, lo + k)];
  }

  proof(m: number, n: number): Promise<Uint8Array[]> {
    return this.subproof(m, 0, n, true);
  }

  private async subproof(m: number, lo: number, hi: number, b: boolean): Promise<Uint8Array[]> {
    const n = hi - lo;
    if (m === n) return b ? [] : [await this.mth(lo, hi)];
    const k = NaiveTree.split(n);
    return m <= k
      ? [...(await this.subproof(m, lo, lo + k, b)), await this.mth(lo + k, hi)]
      : [...(await this.subproof(m - k, lo + k, hi, false)), await this.mth(lo, lo + k)];
  }
}
