import { generatePassword, randomIndex } from './password-generator';

describe('generatePassword', () => {
  it('makes 20 characters with every class and no look-alikes by default', () => {
    for (let i = 0; i < 50; i++) {
      const password = generatePassword();
      expect(password).toHaveLength(20);
      expect(password).toMatch(/[a-z]/);
      expect(password).toMatch(/[A-Z]/);
      expect(password).toMatch(/[2-9]/);
      expect(password).toMatch(/[-_.!?@#%+=]/);
      expect(password).not.toMatch(/[0O1lI]/);
    }
  });

  it('differs each time (CSPRNG)', () => {
    const seen = new Set(Array.from({ length: 100 }, () => generatePassword()));
    expect(seen.size).toBe(100);
  });

  it('honours the length and refuses one below the policy minimum', () => {
    expect(generatePassword(32)).toHaveLength(32);
    expect(() => generatePassword(8)).toThrow(RangeError);
  });
});

describe('randomIndex', () => {
  const draws = (values: number[]) => {
    let calls = 0;
    const random = (buffer: Uint32Array) => {
      buffer[0] = values[calls++] ?? 0;
      return buffer;
    };
    return { random, calls: () => calls };
  };

  it('rejects values from the biased tail instead of folding them with modulo', () => {
    // 2^32 is not a multiple of 10: 0xffffffff lies beyond the last full block of 10.
    const source = draws([0xffffffff, 17]);
    expect(randomIndex(10, source.random)).toBe(7);
    expect(source.calls()).toBe(2);
  });

  it('accepts every value when the range divides 2^32', () => {
    const source = draws([0xffffffff]);
    expect(randomIndex(8, source.random)).toBe(7);
    expect(source.calls()).toBe(1);
  });
});
