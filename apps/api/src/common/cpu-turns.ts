import { Injectable } from '@nestjs/common';

/**
 * Runs a request's CPU-bound work (a match: about 1 ms of engine and serialisation) in arrival order, one job per turn
 * of the event loop.
 *
 * Why: Node runs a route handler in the poll phase, as soon as the request's body has been read. Under load, one poll
 * phase reads many requests (up to all 50 at 50 connections), and their handlers then run back to back. Some answers
 * (~293 KB) do not fit in the kernel's socket buffer whole. Their rest is written only in the next poll phase, after
 * every handler of the current one. A few percent of answers waited that extra round, so p99 was about 2 × p50. A bare
 * node:http server spending the same CPU per request showed the same tail (reference-server.ts).
 *
 * Here each turn runs one job, in the check phase (setImmediate), and then goes back to the poll phase. That phase
 * finishes pending writes and reads new requests; with a job waiting it does not block (epoll with a zero timeout,
 * microseconds). The cost and the rate stay the same; no answer waits behind more than the jobs queued before it.
 *
 * Measured with the reference server at 1.15 ms per request, 50 connections, on this 2-core VM: p99 119 ms run inside
 * the handler, 66–71 ms through a queue like this one, at the same rate. `npm run bench:api` gives the service's.
 */
@Injectable()
export class CpuTurns {
  private readonly jobs: Array<() => void> = [];
  private head = 0;
  private scheduled = false;

  /** Jobs waiting for their turn (not counting one that is running). */
  get waiting(): number {
    return this.jobs.length - this.head;
  }

  /** Runs `work` in its turn; the promise settles with its result or its error. */
  run<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.jobs.push(() => {
        try {
          resolve(work());
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(this.turn);
      }
    });
  }

  private readonly turn = (): void => {
    const job = this.jobs[this.head];
    this.jobs[this.head++] = noop;
    job();
    if (this.head === this.jobs.length) {
      this.jobs.length = 0;
      this.head = 0;
      this.scheduled = false;
      return;
    }
    // Under steady load the list may never empty: drop the finished jobs now and then.
    if (this.head >= COMPACT_AFTER) {
      this.jobs.splice(0, this.head);
      this.head = 0;
    }
    setImmediate(this.turn);
  };
}

/** Finished jobs kept at the head of the list before it is compacted. */
const COMPACT_AFTER = 1024;
const noop = (): void => undefined;
