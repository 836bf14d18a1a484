/**
 * How `npm start` ends (issue 16): every signal that ends the process (SIGTERM, SIGINT, SIGHUP)
 * first closes the app and then stops the PostgreSQL and redis-server it started, also when it
 * arrives while they are still starting; a start-up failure prints one line and exits non-zero,
 * never an unhandled rejection. Plain Node, no Nest: the launcher test drives it in a child process.
 */
export const SHUTDOWN_SIGNALS = ['SIGTERM', 'SIGINT', 'SIGHUP'] as const;

/** How long the closers may take before the process exits anyway (an orchestrator kills at ~30 s). */
const SHUTDOWN_GRACE_MS = 20_000;
/** How often a process started with --exit-with-parent looks whether its parent is still there. */
const PARENT_CHECK_MS = 1_000;

type Closer = () => Promise<unknown>;

export class Lifecycle {
  private readonly closers: Closer[] = [];
  private starting: Promise<unknown> = Promise.resolve();
  private stopping = false;
  private serving = false;

  constructor(
    private readonly log: (message: string) => void,
    private readonly exit: (code: number) => void = (code) => process.exit(code),
  ) {}

  /** Installs the signal handlers; call before anything is started. */
  listen(): this {
    for (const signal of SHUTDOWN_SIGNALS) process.on(signal, () => void this.shutdown(signal));
    // Anything that escapes (a rejected promise nobody awaited) ends the start the same way.
    process.on('unhandledRejection', (reason) => void this.fail(reason));
    return this;
  }

  /**
   * `npm start` runs `node` under npm, which passes SIGTERM and SIGINT on but dies of a SIGHUP or
   * a SIGKILL without telling its child; an orphaned launcher then shuts down by itself.
   */
  exitWithParent(): this {
    const parent = process.ppid;
    const timer = setInterval(() => {
      if (process.ppid !== parent) void this.shutdown('parent process ended');
    }, PARENT_CHECK_MS);
    timer.unref();
    return this;
  }

  /** A start step in progress: a signal waits for it to settle, then stops what it started. */
  async step<T>(work: Promise<T>): Promise<T> {
    this.starting = work.catch(() => undefined);
    return work;
  }

  /** Start-up is over: a failure from now on is not a failed start. */
  markServing(): void {
    this.serving = true;
  }

  /** Run at shutdown, the last added first (the app before the servers it uses). */
  onShutdown(closer: Closer): void {
    this.closers.push(closer);
  }

  async shutdown(reason: string, code = 0): Promise<void> {
    if (this.stopping) {
      // A second signal: the operator does not want to wait.
      if (reason !== 'parent process ended') this.exit(code === 0 ? 130 : code);
      return;
    }
    this.stopping = true;
    if (code === 0) this.log(`shutting down (${reason})`);
    const force = setTimeout(() => {
      this.log(`shutdown took over ${SHUTDOWN_GRACE_MS / 1000} s; exiting`);
      this.exit(1);
    }, SHUTDOWN_GRACE_MS);
    force.unref();
    await this.starting;
    for (const closer of this.closers.reverse()) await closer().catch(() => undefined);
    clearTimeout(force);
    this.exit(code);
  }

  /** A start-up failure (or an error nothing caught): one line on stderr, everything started stopped, exit 1. */
  async fail(error: unknown): Promise<void> {
    if (this.stopping) return;
    process.stderr.write(`${this.serving ? 'Stopping on an unexpected error' : 'Cannot start'}: ${oneLine(error)}\n`);
    await this.shutdown('failed', 1);
  }
}

/** One line: the message of an error, or what was thrown; never a stack or a multi-line dump. */
export function oneLine(error: unknown): string {
  const text =
    error instanceof Error
      ? error.message
      : error === undefined
        ? 'unknown error (a promise was rejected without a reason)'
        : // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a thrown non-Error (string, number...) as it is
          String(error);
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .join(' ')
    .slice(0, 500);
}
