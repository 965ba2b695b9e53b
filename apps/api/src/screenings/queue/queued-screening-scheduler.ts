import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { ScreeningScheduler } from '../screening-scheduler';
import { logQueueErrors, SPLIT_QUEUE, SplitJobData } from './screening-queue';

/** How long an upload waits for Redis to take its job before it is refused (503, the upload discarded). */
const ENQUEUE_TIMEOUT_MS = 5000;

/**
 * An API instance with REDIS_URL: a new screening becomes a split job on the Redis queue (job id = screening id);
 * the workers (`npm run worker`) screen it, and any instance serves its status and results from the database. API
 * instances run no worker: screening is CPU work that would slow their requests.
 */
@Injectable()
export class QueuedScreeningScheduler extends ScreeningScheduler {
  constructor(@InjectQueue(SPLIT_QUEUE) private readonly splits: Queue<SplitJobData>) {
    super();
    logQueueErrors(splits, 'Redis unreachable: uploads are refused (503) until it is back');
  }

  async enqueue(id: string): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`Redis did not take the job within ${ENQUEUE_TIMEOUT_MS} ms`)),
        ENQUEUE_TIMEOUT_MS,
      );
    });
    try {
      await Promise.race([this.splits.add('split', { screeningId: id }, { jobId: id }), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
