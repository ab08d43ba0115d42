import { singleFlight } from './single-flight';

describe('singleFlight', () => {
  it('shares one in-flight call between concurrent callers', async () => {
    let calls = 0;
    let release!: (value: string) => void;
    const run = singleFlight(() => {
      calls += 1;
      return new Promise<string>((resolve) => (release = resolve));
    });
    const results = Promise.all([run(), run(), run()]);
    release('token');
    expect(await results).toEqual(['token', 'token', 'token']);
    expect(calls).toBe(1);
  });

  it('starts a new call once the previous one settled, also after a failure', async () => {
    let calls = 0;
    const run = singleFlight(async () => {
      calls += 1;
      if (calls === 1) throw new Error('boom');
      return calls;
    });
    await expect(run()).rejects.toThrow('boom');
    expect(await run()).toBe(2);
  });
});
