import { CpuTurns } from './cpu-turns';

describe('CpuTurns', () => {
  it('runs jobs in the order they were queued and settles each with its result', async () => {
    const turns = new CpuTurns();
    const ran: number[] = [];
    const results = await Promise.all([1, 2, 3].map((n) => turns.run(() => (ran.push(n), n * 10))));
    expect(ran).toEqual([1, 2, 3]);
    expect(results).toEqual([10, 20, 30]);
    expect(turns.waiting).toBe(0);
  });

  it('gives the event loop a turn between two jobs, so I/O queued by the first runs before the second', async () => {
    const turns = new CpuTurns();
    const order: string[] = [];
    const first = turns.run(() => {
      order.push('job 1');
      // Stands for a write finished in the next poll phase: it runs before job 2, not after the whole queue.
      setImmediate(() => order.push('between'));
    });
    const rest = [2, 3].map((n) => turns.run(() => order.push(`job ${n}`)));
    expect(turns.waiting).toBe(3);
    await Promise.all([first, ...rest]);
    expect(order).toEqual(['job 1', 'between', 'job 2', 'job 3']);
  });

  it('does not run queued jobs in the turn that queued them', async () => {
    const turns = new CpuTurns();
    let ran = false;
    const done = turns.run(() => (ran = true));
    await Promise.resolve();
    expect(ran).toBe(false);
    await done;
    expect(ran).toBe(true);
  });

  it("rejects a failing job's promise only, and the jobs after it still run", async () => {
    const turns = new CpuTurns();
    const failing = turns.run(() => {
      throw new Error('no match');
    });
    const after = turns.run(() => 'ran');
    await expect(failing).rejects.toThrow('no match');
    await expect(after).resolves.toBe('ran');
  });

  it('runs a job queued by a running job after the jobs already waiting', async () => {
    const turns = new CpuTurns();
    const order: string[] = [];
    let nested: Promise<unknown> | undefined;
    const first = turns.run(() => {
      order.push('a');
      nested = turns.run(() => order.push('c'));
    });
    const second = turns.run(() => order.push('b'));
    await Promise.all([first, second]);
    await nested;
    expect(order).toEqual(['a', 'b', 'c']);
  });

  it('keeps its order over more jobs than it holds before compacting its list', async () => {
    const turns = new CpuTurns();
    const ran: number[] = [];
    let refill: Promise<unknown>[] = [];
    // 3,000 jobs in all, each of the first 1,500 queuing another while earlier ones remain: the list never empties.
    const first = Array.from({ length: 1500 }, (_, i) =>
      turns.run(() => {
        ran.push(i);
        refill.push(turns.run(() => ran.push(1500 + i)));
      }),
    );
    await Promise.all(first);
    await Promise.all(refill);
    refill = [];
    expect(ran).toEqual(Array.from({ length: 3000 }, (_, i) => i));
    expect(turns.waiting).toBe(0);
  });
});
