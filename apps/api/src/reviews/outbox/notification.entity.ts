import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One status change to tell a company about, written in the transaction that made the change. `eventKey` is
 * unique (the decision id, or the case and version), so a change is never queued twice; `sentAt` is set once
 * the sender accepted it, so a restart never sends it again.
 */
@Entity('notification_outbox')
export class NotificationEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'event_key', type: 'varchar', length: 120, unique: true })
  eventKey: string;

  @Column({ name: 'case_id', type: 'varchar', length: 36 })
  caseId: string;

  /** opened | decision | returned */
  @Column({ type: 'varchar', length: 20 })
  event: 'opened' | 'decision' | 'returned';

  @Column({ name: 'measure_id', type: 'varchar', length: 100, nullable: true })
  measureId: string | null;

  /** The new status: of the measure for a decision, of the case otherwise. */
  @Column({ type: 'varchar', length: 12 })
  status: string;

  @Column({ name: 'recipient_name', type: 'varchar', length: 100, nullable: true })
  recipientName: string | null;

  @Column({ name: 'recipient_phone', type: 'varchar', length: 30, nullable: true })
  recipientPhone: string | null;

  @Column({ name: 'recipient_email', type: 'varchar', length: 200, nullable: true })
  recipientEmail: string | null;

  @Column({ type: 'varchar', length: 300 })
  subject: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt: string;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ name: 'sent_at', type: 'varchar', length: 30, nullable: true })
  sentAt: string | null;

  /** Which sender took it: log, smtp, or none (no address it can reach). */
  @Column({ name: 'sent_by', type: 'varchar', length: 20, nullable: true })
  sentBy: string | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;
}
