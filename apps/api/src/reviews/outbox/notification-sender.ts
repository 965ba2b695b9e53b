import { Logger } from '@nestjs/common';
import type { NotificationEntity } from './notification.entity';

/** What a sender did with a notification: delivered it, or had no address it can reach (then it is not retried). */
export type SendOutcome = 'sent' | 'no-address';

/** Pluggable delivery of outbox rows. Provide another under NOTIFICATION_SENDER to send SMS, WeCom, … */
export interface NotificationSender {
  readonly name: string;
  send(n: NotificationEntity): Promise<SendOutcome>;
  close?(): Promise<void>;
}

export const NOTIFICATION_SENDER = Symbol('NOTIFICATION_SENDER');

/** The default: each notification as a log line (no contact details beyond the case id). */
export class LogSender implements NotificationSender {
  readonly name = 'log';
  private readonly logger = new Logger('Notifications');

  async send(n: NotificationEntity): Promise<SendOutcome> {
    this.logger.log(`case ${n.caseId} ${n.event} ${n.measureId ?? ''} → ${n.status}: ${n.subject}`);
    return 'sent';
  }
}
