import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, readFileSync, WriteStream } from 'node:fs';
import { createServer } from 'node:net';

/**
 * Child processes of a benchmark run (the app, the baseline server): started with their output in
 * a log file, stopped with SIGTERM (then SIGKILL), and always killed when the bench exits, so a
 * failed run leaves no orphan listening on a port.
 */
export class Child {
  private exited = false;
  private readonly exitPromise: Promise<number | null>;

  private constructor(
    readonly name: string,
    readonly process: ChildProcess,
    readonly logFile: string,
    private readonly log: WriteStream,
  ) {
    this.exitPromise = new Promise((resolve) => {
      process.once('exit', (code, signal) => {
        this.exited = true;
        this.log.end();
        live.delete(this);
        resolve(code ?? (signal ? 128 : null));
      });
    });
  }

  static start(name: string, args: string[], env: NodeJS.ProcessEnv, logFile: string): Child {
    const log = createWriteStream(logFile);
    const proc = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    proc.stdout?.pipe(log, { end: false });
    proc.stderr?.pipe(log, { end: false });
    const child = new Child(name, proc, logFile, log);
    live.add(child);
    return child;
  }

  get hasExited(): boolean {
    return this.exited;
  }

  get exit(): Promise<number | null> {
    return this.exitPromise;
  }

  /** Graceful stop (lets `--cpu-prof` write its profile), SIGKILL after `graceMs`. */
  async stop(graceMs = 10_000): Promise<void> {
    if (this.exited) return;
    this.process.kill('SIGTERM');
    const timer = setTimeout(() => {
      if (!this.exited) this.process.kill('SIGKILL');
    }, graceMs);
    await this.exitPromise;
    clearTimeout(timer);
  }

  /** The last lines of the child's log, for failure messages. */
  tail(lines = 30): string {
    try {
      return readFileSync(this.logFile, 'utf8').split('\n').slice(-lines).join('\n');
    } catch {
      return '(no log)';
    }
  }
}

const live = new Set<Child>();

/** Synchronous last resort (process 'exit' handlers cannot wait). */
export function killAllChildren(): void {
  for (const child of live) {
    if (!child.hasExited) child.process.kill('SIGKILL');
  }
}

export async function stopAllChildren(): Promise<void> {
  await Promise.all([...live].map((child) => child.stop(5_000)));
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Polls `url` until it answers 200; fails early when the child dies. */
export async function waitForHealthy(child: Child, url: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (child.hasExited) throw new Error(`${child.name} exited during start-up; log ${child.logFile}:\n${child.tail()}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${child.name} not healthy at ${url} after ${timeoutMs} ms (${last}); log ${child.logFile}:\n${child.tail()}`);
}
