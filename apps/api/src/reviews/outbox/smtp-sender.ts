import { createTransport, type Transporter } from 'nodemailer';
import type { NotificationSender, SendOutcome } from './notification-sender';
import type { NotificationEntity } from './notification.entity';

/**
 * Email through the SMTP server of `SMTP_URL` (nodemailer). The outbox row id is the Message-ID, so should a
 * crash ever re-send a row between delivery and bookkeeping, the mail system sees the same message again.
 */
export class SmtpSender implements NotificationSender {
  readonly name = 'smtp';
  private readonly transport: Transporter;

  constructor(
    url: string,
    private readonly from: string,
  ) {
    this.transport = createTransport(url);
  }

  async send(n: NotificationEntity): Promise<SendOutcome> {
    if (!n.recipientEmail) return 'no-address';
    await this.transport.sendMail({
      from: this.from,
      to: n.recipientName ? { name: n.recipientName, address: n.recipientEmail } : n.recipientEmail,
      subject: n.subject,
      text: n.body,
      messageId: `<${n.id}@gdpm.outbox>`,
    });
    return 'sent';
  }

  async close(): Promise<void> {
    this.transport.close();
  }
}
