import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { BatchFileError } from '../batch-file-error';
import type { ChunkContext, ChunkResult, ChunkScreening, ChunkTask } from './chunk-screening';

/** Screens chunks somewhere: on this thread, or on worker threads. */
export interface ChunkRunner {
  /** How many chunks may be in flight at once (bounds memory). */
  readonly capacity: number;
  submit(task: ChunkTask): Promise<ChunkResult>;
  stop(): Promise<void>;
}

export class InProcessRunner implements ChunkRunner {
  readonly capacity = 1;

  constructor(private readonly screening: ChunkScreening) {}

  async submit(task: ChunkTask): Promise<ChunkResult> {
    return this.screening.run(task);
  }

  async stop(): Promise<void> {}
}

interface Waiter {
  resolve(r: ChunkResult): void;
  reject(e: Error): void;
}

type WorkerMessage =
  | { type: 'ready' }
  | { type: 'result'; result: ChunkResult }
  | { type: 'error'; index: number; code?: string; message: string };

/**
 * Each worker is its own V8 heap, and V8 lets an idle-looking heap grow: capped, two workers stay near
 * 100 MB each instead of 150+. A chunk needs far less (≤ 10,000 records, see readChunks).
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: 128 };

/** Chunks in flight per worker: one being screened, one queued, so a worker never waits for the main thread. */
const PER_WORKER = 2;

/**
 * Worker threads that each compile the rule pack once and then screen chunks. A worker answers its chunks
 * in the order it got them, so each keeps a FIFO of waiting promises.
 */
export class WorkerRunner implements ChunkRunner {
  readonly capacity: number;
  private readonly workers: Worker[] = [];
  private readonly queues: Waiter[][] = [];

  private constructor(threads: number) {
    this.capacity = threads * PER_WORKER;
  }

  /**
   * Starts the workers without waiting for them: chunks posted meanwhile wait in the worker's message queue, so
   * their start-up (loading and compiling the pack) overlaps with reading the first chunks.
   */
  static start(threads: number, init: { ctx: ChunkContext; rulesDir: string; rulePackVersion: string }): WorkerRunner {
    const runner = new WorkerRunner(threads);
    const script = path.join(__dirname, 'screen-worker.js');
    for (let i = 0; i < threads; i++) {
      const worker = new Worker(script, { workerData: init, resourceLimits: WORKER_LIMITS });
      const queue: Waiter[] = [];
      runner.workers.push(worker);
      runner.queues.push(queue);
      worker.on('message', (m: WorkerMessage) => {
        if (m.type === 'ready') return;
        if (m.type === 'result') return queue.shift()?.resolve(m.result);
        // index -1: the worker could not start (e.g. the rule pack changed on disk); every chunk it holds fails.
        const error = workerError(m);
        if (m.index === -1) for (const w of queue.splice(0)) w.reject(error);
        else queue.shift()?.reject(error);
        if (m.index === -1) runner.broken = error;
      });
      worker.on('error', (e) => {
        runner.broken = e;
        for (const w of queue.splice(0)) w.reject(e);
      });
    }
    return runner;
  }

  private broken: Error | null = null;

  submit(task: ChunkTask): Promise<ChunkResult> {
    if (this.broken) return Promise.reject(this.broken);
    const lengths = this.queues.map((q) => q.length);
    const i = lengths.indexOf(Math.min(...lengths));
    return new Promise((resolve, reject) => {
      this.queues[i].push({ resolve, reject });
      this.workers[i].postMessage(task, [task.bytes.buffer as ArrayBuffer]);
    });
  }

  async stop(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

function workerError(m: { code?: string; message: string }): Error {
  if (m.code?.startsWith('CSV_')) {
    return new BatchFileError('malformed-file', {
      zh: `CSV 格式错误：${m.message}`,
      en: `malformed CSV: ${m.message}`,
    });
  }
  return new Error(m.message);
}
