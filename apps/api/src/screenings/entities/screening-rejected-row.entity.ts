import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A row that failed validation: its number, the reasons (`{ field: [reason] }`) and the cells as given. */
@Entity('screening_rejected_rows')
export class ScreeningRejectedRowEntity {
  @PrimaryColumn({ name: 'screening_id', type: 'varchar', length: 36 })
  screeningId: string;

  @PrimaryColumn({ name: 'row_number', type: 'integer' })
  rowNumber: number;

  /** JSON `{ field: [reason] }`, the same shape and words as an API 400. */
  @Column({ type: 'text' })
  errors: string;

  /** JSON array of the row's cells as read. */
  @Column({ type: 'text' })
  cells: string;
}
