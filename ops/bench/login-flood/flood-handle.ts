import { forkChild, nextMessage, stopChild } from './children';
import type { FloodCommand, FloodMessage, LoadSpec } from './protocol';
import type { LoadSummary } from './summary';

type Result = Extract<FloodMessage, { type: 'result' }>;

export interface FloodHandle {
  run(spec: LoadSpec): Promise<LoadSummary>;
  stop(): Promise<void>;
}

/** Forks flood-child.ts, kept for both flood phases (ts-node starts once). */
export async function startFloodClient(): Promise<FloodHandle> {
  const proc = forkChild('flood-child.ts', {});
  await nextMessage<Extract<FloodMessage, { type: 'ready' }>>(proc, 'ready', 60_000, 'flood');
  return {
    run: async (spec) => {
      const budgetMs = (spec.warmupS + spec.durationS) * 1000 + 90_000;
      const answer = nextMessage<Result>(proc, 'result', budgetMs, 'flood');
      const command: FloodCommand = { type: 'run', spec };
      proc.send(command);
      return (await answer).summary;
    },
    stop: () => stopChild(proc, 2_000),
  };
}
