import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';

type Step = { name: string; run: () => Promise<void> };

/**
 * What the drill must undo, undone in reverse order: on success, on failure and on Ctrl-C.
 * Every child process and temporary folder is also registered for a last synchronous sweep
 * on `exit`, so nothing outlives the drill even if it dies half-way through a step.
 */
export class Teardown {
  private readonly steps: Step[] = [];
  private readonly children = new Set<ChildProcess>();
  private readonly folders = new Set<string>();
  private running: Promise<string[]> | undefined;

  constructor() {
    process.once('exit', () => this.sweep());
  }

  /** `run` is called once, during `runAll`, after every step registered later. */
  add(name: string, run: () => Promise<void>): void {
    this.steps.push({ name, run });
  }

  /** Killed (SIGKILL) on exit if still running; its group too, as it runs detached. */
  track(child: ChildProcess): void {
    this.children.add(child);
    child.once('exit', () => this.children.delete(child));
  }

  /** Removed on exit if a step did not remove it before. */
  trackFolder(path: string): void {
    this.folders.add(path);
  }

  forgetFolder(path: string): void {
    this.folders.delete(path);
  }

  /** Runs every step (each bounded by `stepTimeoutMs`); resolves with the failures' messages. */
  runAll(stepTimeoutMs = 30_000): Promise<string[]> {
    this.running ??= (async () => {
      const failures: string[] = [];
      for (const step of this.steps.splice(0).reverse()) {
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`timed out after ${stepTimeoutMs} ms`)),
            stepTimeoutMs,
          );
        });
        try {
          await Promise.race([step.run(), timeout]);
        } catch (error) {
          failures.push(`${step.name}: ${error instanceof Error ? error.message : String(error)}`);
        } finally {
          clearTimeout(timer);
        }
      }
      return failures;
    })();
    return this.running;
  }

  private sweep(): void {
    for (const child of this.children) {
      if (child.pid === undefined) continue;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }
    for (const folder of this.folders) rmSync(folder, { recursive: true, force: true });
  }
}
