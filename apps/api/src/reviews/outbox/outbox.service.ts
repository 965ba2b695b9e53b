import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { ReviewCaseEntity } from '../cases/entities/review-case.entity';
import { NotificationEntity } from './notification.entity';

export interface StatusChange {
  /** Unique per change: queuing the same change twice is a no-op. */
  key: string;
  event: NotificationEntity['event'];
  status: string;
  measureId?: string;
  measureTitle?: string;
  comment?: string;
  amount?: number | null;
  paidOn?: string | null;
}

const STATUS_ZH: Record<string, string> = {
  pending: '待审核',
  'needs-info': '需补充材料',
  decided: '已办结',
  confirmed: '审核通过',
  rejected: '未通过',
  paid: '已拨付',
};

/**
 * Writes one outbox row per status change, inside the caller's transaction, addressed to the case's contact.
 * The text never names the caseworker: a company sees the outcome and the comment, not who decided.
 */
@Injectable()
export class OutboxService {
  async record(m: EntityManager, c: ReviewCaseEntity, change: StatusChange): Promise<void> {
    const { subject, body } = textOf(c, change);
    await m
      .createQueryBuilder()
      .insert()
      .into(NotificationEntity)
      .values({
        id: randomUUID(),
        eventKey: change.key,
        caseId: c.id,
        event: change.event,
        measureId: change.measureId ?? null,
        status: change.status,
        recipientName: c.contactName,
        recipientPhone: c.contactPhone,
        recipientEmail: c.contactEmail,
        subject,
        body,
        createdAt: new Date().toISOString(),
        attempts: 0,
        sentAt: null,
        sentBy: null,
        lastError: null,
      })
      .orIgnore()
      .updateEntity(false)
      .execute();
  }
}

function textOf(c: ReviewCaseEntity, change: StatusChange): { subject: string; body: string } {
  const who = c.companyName ?? '贵单位';
  const status = STATUS_ZH[change.status] ?? change.status;
  const greeting = `${c.contactName ?? ''}您好：`;
  const link = `可凭申报编号及回执令牌在回执页（/receipt.html）查看详情。案件编号 ${c.id}。`;
  if (change.event === 'opened')
    return {
      subject: `【政策申报】${who}的申报意向已受理`,
      body: `${greeting}\n${who}的申报意向已进入审核队列。${link}`,
    };
  if (change.event === 'returned')
    return {
      subject: `【政策申报】${who}已补充信息，重新进入审核`,
      body: `${greeting}\n已收到更新后的企业信息（第 ${c.version} 版），案件重新进入审核队列。${link}`,
    };
  const paid =
    change.status === 'paid' && change.amount != null
      ? `\n拨付金额：${change.amount.toLocaleString('zh-CN')} 元；拨付日期：${change.paidOn}`
      : '';
  return {
    subject: `【政策申报】${change.measureTitle ?? change.measureId}：${status}`,
    body: `${greeting}\n${who}申报的「${change.measureTitle ?? change.measureId}」审核结果：${status}。\n意见：${change.comment ?? ''}${paid}\n${link}`,
  };
}
