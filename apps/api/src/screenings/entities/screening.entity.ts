import { Column, Entity, PrimaryColumn } from 'typeorm';

export const SCREENING_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type ScreeningStatus = (typeof SCREENING_STATUSES)[number];

/**
 * One uploaded tenant file being (or having been) screened. `processed`, `lastRowNumber` and `summary` are
 * updated in the same transaction as the tenant rows they count, so after a crash the row says exactly how
 * far the committed work reaches: resuming continues after `lastRowNumber`.
 */
@Entity('screenings')
export class ScreeningEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  /**
   * A small integer the database assigns (unique; PostgreSQL a sequence, SQLite a trigger): the key of the
   * screening's tenant rows and profile blocks, 1–4 bytes on each row instead of the 36-character id.
   */
  @Column({ name: 'screening_key', type: 'integer', insert: false, update: false })
  screeningKey: number;

  @Column({ type: 'varchar', length: 10 })
  status: ScreeningStatus;

  /** The park the screening belongs to (its park-admin's); null for none. */
  @Column({ name: 'park_id', type: 'varchar', length: 100, nullable: true })
  parkId: string | null;

  /** The file name as uploaded (for people; never used as a path). */
  @Column({ name: 'file_name', type: 'varchar', length: 255 })
  fileName: string;

  @Column({ name: 'file_format', type: 'varchar', length: 8 })
  fileFormat: string;

  /** The stored upload while it is needed (until done or failed); null afterwards. */
  @Column({ name: 'upload_path', type: 'varchar', length: 500, nullable: true })
  uploadPath: string | null;

  /** The language of reasons in rejected rows and of the default exports. */
  @Column({ type: 'varchar', length: 2 })
  lang: string;

  @Column({ name: 'rule_pack_version', type: 'varchar', length: 80 })
  rulePackVersion: string;

  /** The date validity is judged at (YYYY-MM-DD); null for screenings stored before it was recorded (then: created day). */
  @Column({ name: 'as_of', type: 'varchar', length: 10, nullable: true })
  asOf: string | null;

  /** JSON array of measure ids, in the order of each tenant's `statuses`. */
  @Column({ name: 'measure_ids', type: 'text' })
  measureIds: string;

  /** The file's own header cells (JSON array): the rejected-rows export repeats them. */
  @Column({ name: 'source_headers', type: 'text' })
  sourceHeaders: string;

  /** Data rows in the file (blank rows aside), once counted; null before. */
  @Column({ type: 'integer', nullable: true })
  total: number | null;

  /** Rows done: screened + rejected. */
  @Column({ type: 'integer', default: 0 })
  processed: number;

  @Column({ type: 'integer', default: 0 })
  screened: number;

  @Column({ name: 'rejected_rows', type: 'integer', default: 0 })
  rejectedRows: number;

  /** The last file row number whose outcome is committed (blank rows included). */
  @Column({ name: 'last_row_number', type: 'integer', default: 0 })
  lastRowNumber: number;

  /** SummaryJson of @app/batch: per measure eligible / needs info / ineligible / near miss. */
  @Column({ type: 'text', nullable: true })
  summary: string | null;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt: string;

  @Column({ name: 'updated_at', type: 'varchar', length: 30 })
  updatedAt: string;

  @Column({ name: 'finished_at', type: 'varchar', length: 30, nullable: true })
  finishedAt: string | null;

  /* The Redis queue (REDIS_URL) only; null and 0 for a screening run in-process. */

  /** Data rows per chunk, fixed when the split first runs, so a split run again cuts the same chunks. */
  @Column({ name: 'chunk_rows', type: 'integer', nullable: true })
  chunkRows: number | null;

  /** Chunks the file was cut into, recorded when the split has read it to the end; null before. */
  @Column({ name: 'chunk_count', type: 'integer', nullable: true })
  chunkCount: number | null;

  /** Chunks committed (their markers in `screening_chunks`): done once it equals chunkCount. */
  @Column({ name: 'chunks_done', type: 'integer', default: 0 })
  chunksDone: number;
}
