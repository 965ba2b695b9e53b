import { randomUUID } from 'node:crypto';
import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

/**
 * Review cases (issue 12): one case per company application or per tenant a park admin sends, holding the
 * chosen measures as review items; the company's profile versions; the notification outbox; payments on
 * decisions; and a note of what this migration did to the old queue.
 *
 * The old queue held every eligible and needs-info match of every save and screening row. Decided items are
 * kept (an audit trail is never deleted) and grouped into cases by their source; undecided screening items
 * are dropped; the counts go to `migration_notes` and the log.
 */
export class CreateReviewCases1764200000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    const name = tableName(q);
    await q.createTable(
      new Table({
        name: 'review_cases',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'source_type', type: 'varchar', length: '20' },
          { name: 'source_id', type: 'varchar', length: '36' },
          { name: 'source_key', type: 'varchar', length: '100' },
          { name: 'status', type: 'varchar', length: '12' },
          { name: 'version', type: 'integer', default: 1 },
          { name: 'contact_name', type: 'varchar', length: '100', isNullable: true },
          { name: 'contact_phone', type: 'varchar', length: '30', isNullable: true },
          { name: 'contact_email', type: 'varchar', length: '200', isNullable: true },
          { name: 'company_name', type: 'varchar', length: '200', isNullable: true },
          { name: 'credit_code', type: 'varchar', length: '18', isNullable: true },
          { name: 'city', type: 'varchar', length: '40', isNullable: true },
          { name: 'park_id', type: 'varchar', length: '100', isNullable: true },
          { name: 'created_by', type: 'varchar', length: '36', isNullable: true },
          { name: 'created_at', type: 'varchar', length: '30' },
          { name: 'updated_at', type: 'varchar', length: '30' },
          { name: 'returned_at', type: 'varchar', length: '30', isNullable: true },
        ],
        uniques: [{ name: 'uq_review_cases_source', columnNames: ['source_type', 'source_id', 'source_key'] }],
      }),
    );
    for (const [index, columns] of [
      ['idx_review_cases_status', ['status', 'created_at', 'id']],
      ['idx_review_cases_city', ['city', 'status', 'created_at']],
      ['idx_review_cases_park', ['park_id', 'status', 'created_at']],
    ] as const) {
      await q.createIndex('review_cases', new TableIndex({ name: index, columnNames: [...columns] }));
    }

    await q.createTable(
      new Table({
        name: 'case_versions',
        columns: [
          { name: 'case_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'version', type: 'integer', isPrimary: true },
          { name: 'profile', type: 'text' },
          { name: 'results', type: 'text' },
          { name: 'rule_pack_version', type: 'varchar', length: '80' },
          { name: 'created_at', type: 'varchar', length: '30' },
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'notification_outbox',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'event_key', type: 'varchar', length: '120', isUnique: true },
          { name: 'case_id', type: 'varchar', length: '36' },
          { name: 'event', type: 'varchar', length: '20' },
          { name: 'measure_id', type: 'varchar', length: '100', isNullable: true },
          { name: 'status', type: 'varchar', length: '12' },
          { name: 'recipient_name', type: 'varchar', length: '100', isNullable: true },
          { name: 'recipient_phone', type: 'varchar', length: '30', isNullable: true },
          { name: 'recipient_email', type: 'varchar', length: '200', isNullable: true },
          { name: 'subject', type: 'varchar', length: '300' },
          { name: 'body', type: 'text' },
          { name: 'created_at', type: 'varchar', length: '30' },
          { name: 'attempts', type: 'integer', default: 0 },
          { name: 'sent_at', type: 'varchar', length: '30', isNullable: true },
          { name: 'sent_by', type: 'varchar', length: '20', isNullable: true },
          { name: 'last_error', type: 'text', isNullable: true },
        ],
      }),
    );
    await q.createIndex(
      'notification_outbox',
      new TableIndex({ name: 'idx_outbox_unsent', columnNames: ['sent_at', 'created_at'] }),
    );
    await q.createTable(
      new Table({
        name: 'migration_notes',
        columns: [
          { name: 'migration', type: 'varchar', length: '100', isPrimary: true },
          { name: 'note', type: 'text' },
          { name: 'created_at', type: 'varchar', length: '30' },
        ],
      }),
    );

    // ALTER TABLE … ADD COLUMN in plain SQL: TypeORM's addColumn rebuilds a SQLite table, which would drop the
    // append-only triggers and the foreign keys of review_decisions.
    await q.query(`ALTER TABLE ${name('review_items')} ADD COLUMN case_id varchar(36)`);
    await q.query(`ALTER TABLE ${name('review_decisions')} ADD COLUMN amount decimal(17,2)`);
    await q.query(`ALTER TABLE ${name('review_decisions')} ADD COLUMN paid_on varchar(10)`);
    await q.createIndex('review_items', new TableIndex({ name: 'idx_review_items_case', columnNames: ['case_id'] }));

    await this.moveOldQueue(q, name);
  }

  private async moveOldQueue(q: QueryRunner, name: (t: string) => string): Promise<void> {
    const [{ n: dropCount }] = (await q.query(
      `SELECT COUNT(*) AS n FROM ${name('review_items')} WHERE source_type = 'screening' AND decision_count = 0`,
    )) as { n: number | string }[];
    await q.query(`DELETE FROM ${name('review_items')} WHERE source_type = 'screening' AND decision_count = 0`);
    const items = (await q.query(
      `SELECT id, source_type, source_id, source_key, state, decision_count, decided_at, city, park_id, company_name,
        credit_code, created_at FROM ${name('review_items')} ORDER BY created_at, id`,
    )) as OldItem[];
    const groups = new Map<string, OldItem[]>();
    for (const item of items) {
      const key = `${item.source_type}\u0000${item.source_id}\u0000${item.source_key}`;
      groups.set(key, [...(groups.get(key) ?? []), item]);
    }
    const now = new Date().toISOString();
    for (const group of groups.values()) {
      const first = group[0];
      const caseId = randomUUID();
      const states = group.map((i) => i.state);
      const status = states.includes('pending') ? 'pending' : states.includes('needs-info') ? 'needs-info' : 'decided';
      await q.query(
        `INSERT INTO ${name('review_cases')} (id, source_type, source_id, source_key, status, version, company_name,
          credit_code, city, park_id, created_at, updated_at) VALUES (${params(q, 12)})`,
        [
          caseId,
          first.source_type,
          first.source_id,
          first.source_key,
          status,
          1,
          first.company_name,
          first.credit_code,
          first.city,
          first.park_id,
          first.created_at,
          now,
        ],
      );
      const ids = group.map((i) => i.id);
      for (let i = 0; i < ids.length; i += 500) {
        const chunk = ids.slice(i, i + 500);
        await q.query(
          `UPDATE ${name('review_items')} SET case_id = ${params(q, 1)} WHERE id IN (${params(q, chunk.length, 2)})`,
          [caseId, ...chunk],
        );
      }
    }
    const note =
      `dropped ${Number(dropCount)} undecided screening review item(s); ` +
      `kept ${items.length} review item(s) (decided ones and company saves) in ${groups.size} case(s)`;
    await q.query(`INSERT INTO ${name('migration_notes')} (migration, note, created_at) VALUES (${params(q, 3)})`, [
      'CreateReviewCases1764200000000',
      note,
      now,
    ]);
    q.connection.logger.log('info', `migration CreateReviewCases1764200000000: ${note}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('migration_notes');
    await q.dropTable('notification_outbox');
    await q.dropTable('case_versions');
    await q.dropTable('review_cases');
  }
}

interface OldItem {
  id: string;
  source_type: string;
  source_id: string;
  source_key: string;
  state: string;
  decision_count: number;
  decided_at: string | null;
  city: string | null;
  park_id: string | null;
  company_name: string | null;
  credit_code: string | null;
  created_at: string;
}

/** TypeORM qualifies its own DDL with the configured schema but does not set search_path: raw SQL must too. */
function tableName(q: QueryRunner): (table: string) => string {
  const schema = (q.connection.options as { schema?: string }).schema;
  return (table) => (schema ? `"${schema}"."${table}"` : `"${table}"`);
}

/** Placeholders for `count` values from the `from`-th: `$n` on PostgreSQL, `?` on SQLite. */
function params(q: QueryRunner, count: number, from = 1): string {
  const pg = q.connection.options.type === 'postgres';
  return Array.from({ length: count }, (_, i) => (pg ? `$${from + i}` : '?')).join(', ');
}
