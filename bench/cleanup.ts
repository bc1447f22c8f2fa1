/** Things to undo, in reverse order of doing them; each runs once, even if another fails. */
export class Cleanup {
  private steps: Array<{ name: string; run: () => Promise<void> }> = [];
  private running: Promise<void> | undefined;

  /** Registers an undo step; returns a function that runs it early (once). */
  add(name: string, undo: () => Promise<unknown>): () => Promise<void> {
    let done = false;
    const run = async () => {
      if (done) return;
      done = true;
      await undo();
    };
    this.steps.push({ name, run });
    return run;
  }

  /**
   * Runs every step not yet run, newest first; reports (and survives) a failing one. A second
   * call (a signal during a failure, say) waits for the first instead of racing it.
   */
  run(): Promise<void> {
    this.running ??= this.runSteps();
    return this.running;
  }

  private async runSteps(): Promise<void> {
    for (const step of [...this.steps].reverse()) {
      try {
        await step.run();
      } catch (error) {
        console.error(`cleanup: could not ${step.name}: ${(error as Error).message}`);
      }
    }
  }
}
