import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { SMTPServer } from 'smtp-server';
import { DataSource } from 'typeorm';
import { OutboxDispatcher } from '../../apps/api/src/reviews/outbox/outbox-dispatcher.service';
import { UsersService } from '../../apps/api/src/users/users.service';
import { createPgSchema, createSqliteFile, startTestApp, TestApp, TEST_DBS } from '../support/test-app';

const PROFILE = {
  name: '邮件测试公司',
  city: 'shenzhen',
  entityType: 'enterprise',
  qualifications: ['high-tech-enterprise'],
  revenue: 50_000_000,
  rdExpense: 5_000_000,
};

interface Received {
  to: string[];
  data: string;
}

/** A local SMTP server on a free port that keeps every message it accepts. */
async function startSmtp(): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          data: Buffer.concat(chunks).toString('utf8'),
        });
        done();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, received, close: () => new Promise((r) => server.close(() => r())) };
}

describe.each(TEST_DBS)('notifications over SMTP on %s', (db) => {
  it('mails each status change once to the contact, and sends nothing again after a restart', async () => {
    const smtp = await startSmtp();
    const store = db === 'postgres' ? await createPgSchema() : createSqliteFile();
    const env = { ...store.env, SMTP_URL: smtp.url, SMTP_FROM: 'policy@example.gov.cn' };
    let sut: TestApp | undefined;
    try {
      sut = await startTestApp({ db, env });
      const cw = `Bearer ${(await sut.app.get(UsersService).create({ name: '王审核', role: 'caseworker' })).token}`;
      const { caseId } = (
        await request(sut.url)
          .post('/api/submissions')
          .send({
            profile: PROFILE,
            application: {
              measureIds: ['k895-high-tech-preferential-rate'],
              contact: { name: '李会计', email: 'li@example.com' },
            },
          })
          .expect(201)
      ).body;
      await request(sut.url)
        .post(`/api/cases/${caseId}/decisions`)
        .set('Authorization', cw)
        .send({ measureId: 'k895-high-tech-preferential-rate', decision: 'confirmed', comment: '证书有效' })
        .expect(201);
      await sut.app.get(OutboxDispatcher).drain();
      expect(smtp.received).toHaveLength(2);
      expect(smtp.received.every((m) => m.to.join() === 'li@example.com')).toBe(true);
      // The outbox row id is the Message-ID: two changes, two different messages.
      const ids = smtp.received.map((m) => /^Message-ID: <([0-9a-f-]{36})@gdpm\.outbox>/im.exec(m.data)?.[1]);
      expect(ids.every(Boolean)).toBe(true);
      expect(new Set(ids).size).toBe(2);
      await sut.close();
      sut = undefined;

      // A new process on the same store: the stamped rows are not sent again.
      sut = await startTestApp({ db, env });
      expect(await sut.app.get(OutboxDispatcher).drain()).toBe(0);
      await new Promise((r) => setTimeout(r, 300));
      expect(smtp.received).toHaveLength(2);
    } finally {
      await sut?.close();
      await store.dispose();
      await smtp.close();
    }
  });

  it('records a failure and retries later when the SMTP server is down', async () => {
    const smtp = await startSmtp();
    const url = smtp.url;
    await smtp.close();
    const sut = await startTestApp({ db, env: { SMTP_URL: url } });
    try {
      await request(sut.url)
        .post('/api/submissions')
        .send({
          profile: PROFILE,
          application: { measureIds: ['k895-high-tech-preferential-rate'], contact: { name: '李', email: 'a@b.cn' } },
        })
        .expect(201);
      expect(await sut.app.get(OutboxDispatcher).drain()).toBe(0);
      const ds = sut.app.get(DataSource);
      const schema = (ds.options as { schema?: string }).schema;
      const rows = await ds.query(
        `SELECT sent_at, attempts, last_error FROM ${schema ? `"${schema}".` : ''}notification_outbox`,
      );
      expect(rows).toHaveLength(1);
      expect(rows[0].sent_at).toBeNull();
      expect(Number(rows[0].attempts)).toBeGreaterThanOrEqual(1);
      expect(rows[0].last_error).toMatch(/ECONNREFUSED|connect/i);
    } finally {
      await sut.close();
    }
  });
});
