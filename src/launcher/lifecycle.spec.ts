import { Lifecycle, oneLine } from './lifecycle';

describe('Lifecycle', () => {
  const make = () => {
    const exits: number[] = [];
    const log: string[] = [];
    return {
      lifecycle: new Lifecycle(
        (m) => log.push(m),
        (code) => exits.push(code),
      ),
      exits,
      log,
    };
  };

  it('waits for the start step in progress, then closes the app before the servers it uses, then exits 0', async () => {
    const { lifecycle, exits, log } = make();
    const order: string[] = [];
    let finishStart!: () => void;
    const starting = lifecycle.step(new Promise<void>((resolve) => (finishStart = resolve)));
    lifecycle.onShutdown(async () => void order.push('servers'));
    const stopped = lifecycle.shutdown('SIGTERM');
    lifecycle.onShutdown(async () => void order.push('app'));
    await new Promise((r) => setImmediate(r));
    expect(order).toEqual([]); // still starting
    finishStart();
    await starting;
    await stopped;
    expect(order).toEqual(['app', 'servers']);
    expect(exits).toEqual([0]);
    expect(log).toEqual(['shutting down (SIGTERM)']);
  });

  it('exits at once on a second signal', async () => {
    const { lifecycle, exits } = make();
    lifecycle.onShutdown(() => new Promise(() => undefined)); // a closer that hangs
    void lifecycle.shutdown('SIGTERM');
    await lifecycle.shutdown('SIGINT');
    expect(exits).toEqual([130]);
  });

  it('reports a failed start as one line and exits 1 after stopping what was started', async () => {
    const { lifecycle, exits } = make();
    const stopped: string[] = [];
    lifecycle.onShutdown(async () => void stopped.push('postgres'));
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      await lifecycle.fail(undefined);
      expect(stderr.mock.calls.map((call) => String(call[0]))).toEqual([
        'Cannot start: unknown error (a promise was rejected without a reason)\n',
      ]);
    } finally {
      stderr.mockRestore();
    }
    expect(stopped).toEqual(['postgres']);
    expect(exits).toEqual([1]);
  });

  it('says "unexpected error", not "cannot start", once serving', async () => {
    const { lifecycle } = make();
    lifecycle.markServing();
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      await lifecycle.fail(new Error('boom'));
      expect(String(stderr.mock.calls[0][0])).toBe('Stopping on an unexpected error: boom\n');
    } finally {
      stderr.mockRestore();
    }
  });

  it('makes one line of any error', () => {
    expect(oneLine(new Error('first\n  second\n'))).toBe('first second');
    expect(oneLine('plain')).toBe('plain');
    expect(oneLine('x'.repeat(600))).toHaveLength(500);
  });
});
