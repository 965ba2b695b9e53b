/**
 * Where an accepted upload goes to be screened. Without REDIS_URL: `ScreeningRunner`, in this process. With it:
 * `QueuedScreeningScheduler`, a split job on the Redis queue that the workers (`npm run worker`) take.
 */
export abstract class ScreeningScheduler {
  /** Queues screening `id` of park `parkId`; rejects when it cannot be queued (the upload is then refused). */
  abstract enqueue(id: string, parkId: string | null): void | Promise<void>;
}
