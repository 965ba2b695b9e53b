import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { AppConfig, APP_CONFIG } from '../config/app-config';
import { RETRY_AFTER_SECONDS } from '../database/database-faults';
import { ScreeningEntity } from './entities/screening.entity';
import { RoundRobinQueue } from './round-robin-queue';
import { ScreeningFiles } from './screening-files';
import { ScreeningJob } from './screening-job.service';
import { ScreeningScheduler } from './screening-scheduler';

interface Running {
  lane: string;
  abort: AbortController;
  done: Promise<void>;
}

/**
 * Runs screenings in the background of the service process (no REDIS_URL; with it, the Redis queue does): `SCREENING_CONCURRENCY` at a
 * time (default 2), the parks served in turn and each park one screening at a time, so a park's huge or hostile
 * file leaves the other slots to the other parks. At start-up it picks up screenings left `queued` or `running`
 * by a crash or restart: each resumes after its last committed row, or is marked `failed` if its upload is gone.
 * On shutdown it takes nothing new and aborts the running ones, which stop within about a thousand rows and stay
 * `running` for the next start. A screening the database dropped out of is queued again a few seconds later.
 */
@Injectable()
export class ScreeningRunner implements ScreeningScheduler, OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ScreeningRunner.name);
  private readonly waiting = new RoundRobinQueue<string>();
  private readonly running = new Map<string, Running>();
  private stopping = false;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly files: ScreeningFiles,
    private readonly job: ScreeningJob,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const left = await this.db.getRepository(ScreeningEntity).find({
      select: { id: true, uploadPath: true, status: true, parkId: true },
      where: { status: In(['queued', 'running']) },
      order: { createdAt: 'ASC' },
    });
    for (const s of left) {
      if (this.files.exists(s.uploadPath)) {
        this.logger.log(`resuming screening ${s.id} (${s.status})`);
        this.enqueue(s.id, s.parkId);
      } else {
        await this.job.fail(s.id, 'the uploaded file is gone (the service restarted without it); upload it again');
      }
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    this.waiting.clear();
    const all = [...this.running.values()];
    for (const r of all) r.abort.abort();
    await Promise.all(all.map((r) => r.done));
  }

  /** Queues screening `id` in its park's lane (admins' uploads without a park share one lane). */
  enqueue(id: string, parkId: string | null = null): void {
    if (this.stopping) return;
    this.waiting.push(parkId ?? '', id);
    this.startWhatFits();
  }

  /** Resolves when nothing is queued or running (for tests). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running.values()].map((r) => r.done));
  }

  private startWhatFits(): void {
    const busy = (lane: string) => [...this.running.values()].some((r) => r.lane === lane);
    while (!this.stopping && this.running.size < this.config.screening.concurrency) {
      let lane = '';
      const id = this.waiting.shift((l) => !busy(l) && ((lane = l), true));
      if (id === undefined) return;
      const abort = new AbortController();
      const done = this.job.run(id, abort.signal).then((outcome) => {
        this.running.delete(id);
        if (outcome === 'retry' && !this.stopping) {
          setTimeout(() => this.enqueue(id, lane || null), RETRY_AFTER_SECONDS * 1000).unref();
        }
        this.startWhatFits();
      });
      this.running.set(id, { lane, abort, done });
    }
  }
}
