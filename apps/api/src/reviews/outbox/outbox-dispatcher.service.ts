import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, LessThan } from 'typeorm';
import { NOTIFICATION_SENDER, NotificationSender } from './notification-sender';
import { NotificationEntity } from './notification.entity';

const POLL_MS = 2_000;
const BATCH = 50;
/** After this many failed attempts a row stays unsent (last_error says why) until someone looks. */
const MAX_ATTEMPTS = 10;

/**
 * Sends the outbox: rows are written in the transaction of the status change they report; this sends each
 * unsent row and stamps `sent_at` right after the sender accepted it. A row is claimed first (its attempt
 * counter moved with a compare-and-set), so two instances never send it both; a restart skips every stamped
 * row, so nothing goes out twice.
 */
@Injectable()
export class OutboxDispatcher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxDispatcher.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(NOTIFICATION_SENDER) private readonly sender: NotificationSender,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.drain().catch((e) => this.logger.error(e)), POLL_MS);
    this.timer.unref();
    void this.drain().catch((e) => this.logger.error(e));
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
    await this.sender.close?.();
  }

  /**
   * Sends everything unsent; returns how many rows this run sent. One run at a time per process: a run already
   * going may have read the outbox before the caller's change was committed, so wait for it, then run again.
   */
  async drain(): Promise<number> {
    while (this.running) await this.running;
    const run = this.run();
    // Waiters only need to know it ended; the caller of this run gets its error.
    this.running = run.then(
      () => 0,
      () => 0,
    );
    void this.running.then(() => (this.running = null));
    return run;
  }

  private async run(): Promise<number> {
    const repo = this.db.getRepository(NotificationEntity);
    let sent = 0;
    for (;;) {
      const rows = await repo.find({
        where: { sentAt: IsNull(), attempts: LessThan(MAX_ATTEMPTS) },
        order: { createdAt: 'ASC', id: 'ASC' },
        take: BATCH,
      });
      let progressed = false;
      for (const row of rows) {
        const claimed = await repo.update(
          { id: row.id, sentAt: IsNull(), attempts: row.attempts },
          {
            attempts: row.attempts + 1,
          },
        );
        if (claimed.affected !== 1) continue;
        progressed = true;
        try {
          const outcome = await this.sender.send(row);
          await repo.update(
            { id: row.id },
            { sentAt: new Date().toISOString(), sentBy: outcome === 'sent' ? this.sender.name : 'none' },
          );
          if (outcome === 'sent') sent++;
        } catch (e) {
          await repo.update({ id: row.id }, { lastError: String((e as Error).message ?? e).slice(0, 2000) });
          this.logger.warn(`notification ${row.id} not sent (attempt ${row.attempts + 1}): ${(e as Error).message}`);
        }
      }
      if (rows.length < BATCH || !progressed) return sent;
    }
  }
}
