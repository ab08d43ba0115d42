import { problemMessage, toProblem } from '../../core/errors/problem';
import { ProofError } from './merkle-proof';

export type StepState = 'pending' | 'running' | 'ok' | 'failed';

export interface CheckStep {
  label: string;
  state: StepState;
  /** What the step found (or why it failed). */
  detail: string;
}

/** pass: every step verified; fail: a proof or signature does not verify; error: could not run. */
export type Verdict = 'running' | 'pass' | 'fail' | 'error';

export interface CheckRun {
  steps: CheckStep[];
  verdict: Verdict;
  /** One sentence for the result banner. */
  message: string;
  /** 0–100. */
  percent: number;
}

/** A step's work: reports its own fraction done, returns what it found. */
export interface StepSpec {
  label: string;
  run(progress: (fraction: number) => void): Promise<string>;
}

/** A failure of the thing checked (not of the network): the verdict becomes "fail". */
export class CheckFailed extends Error {
  override readonly name = 'CheckFailed';
}

function failureOf(error: unknown): { verdict: 'fail' | 'error'; text: string } {
  if (error instanceof ProofError || error instanceof CheckFailed) {
    return { verdict: 'fail', text: error.message };
  }
  // The network, the server's refusal (a problem) or anything unexpected: nothing was verified.
  return { verdict: 'error', text: problemMessage(toProblem(error)) };
}

/**
 * Runs the steps in order, reporting after each change; stops at the first failure. `passed`
 * is the banner text when all steps pass.
 */
export async function runSteps(
  specs: readonly StepSpec[],
  passed: string | (() => string),
  report: (run: CheckRun) => void,
): Promise<CheckRun> {
  const steps: CheckStep[] = specs.map((spec) => ({
    label: spec.label,
    state: 'pending',
    detail: '',
  }));
  let run: CheckRun = { steps, verdict: 'running', message: 'Checking…', percent: 0 };
  const publish = (next: Partial<CheckRun>) => {
    run = { ...run, ...next, steps: steps.map((step) => ({ ...step })) };
    report(run);
  };
  publish({});
  for (const [i, spec] of specs.entries()) {
    steps[i].state = 'running';
    publish({});
    try {
      steps[i].detail = await spec.run((fraction) =>
        publish({ percent: Math.round(((i + Math.min(1, fraction)) / specs.length) * 100) }),
      );
      steps[i].state = 'ok';
      publish({ percent: Math.round(((i + 1) / specs.length) * 100) });
    } catch (error) {
      const { verdict, text } = failureOf(error);
      steps[i].state = 'failed';
      steps[i].detail = text;
      publish({
        verdict,
        message: verdict === 'fail' ? `Verification FAILED: ${text}` : `Could not check: ${text}`,
      });
      return run;
    }
  }
  publish({
    verdict: 'pass',
    message: typeof passed === 'string' ? passed : passed(),
    percent: 100,
  });
  return run;
}
