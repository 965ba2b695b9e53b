import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The marker of one queue chunk committed (REDIS_URL): written in the same transaction as the chunk's tenant and
 * rejected rows and the screening's counters, keyed (screening_id, chunk_no), so a chunk retried after its worker died
 * or lost its lock finds the marker and commits nothing twice. Its summary is added up with the others when the
 * screening ends.
 */
@Entity('screening_chunks')
export class ScreeningChunkEntity {
  @PrimaryColumn({ name: 'screening_id', type: 'varchar', length: 36 })
  screeningId: string;

  /** 0, 1, …: the chunk's place in the file (chunks of `screenings.chunk_rows` data rows, in file order). */
  @PrimaryColumn({ name: 'chunk_no', type: 'integer' })
  chunkNo: number;

  /** Data rows in the chunk: screened + rejected. */
  @Column({ name: 'row_count', type: 'integer' })
  rowCount: number;

  @Column({ name: 'first_row', type: 'integer' })
  firstRow: number;

  @Column({ name: 'last_row', type: 'integer' })
  lastRow: number;

  /** SummaryJson of @app/batch for these rows alone. */
  @Column({ type: 'text' })
  summary: string;

  @Column({ name: 'committed_at', type: 'varchar', length: 30 })
  committedAt: string;
}
