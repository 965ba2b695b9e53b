import { MigrationInterface, QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';

const APPEND_ONLY = 'review_decisions is append-only';

/**
 * Users, review items, rule snapshots and the decisions trail. Tables with the Table API (SQLite and
 * PostgreSQL alike); the append-only triggers in each database's own dialect.
 */
export class CreateAccessAndReviews1763900000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'users',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'name', type: 'varchar', length: '100', isUnique: true },
          { name: 'role', type: 'varchar', length: '20' },
          { name: 'park_id', type: 'varchar', length: '100', isNullable: true },
          { name: 'token_hash', type: 'varchar', length: '200' },
          { name: 'created_at', type: 'varchar', length: '30' },
          { name: 'revoked_at', type: 'varchar', length: '30', isNullable: true },
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'rule_snapshots',
        columns: [
          { name: 'measure_version', type: 'varchar', length: '40', isPrimary: true },
          { name: 'measure_id', type: 'varchar', length: '100' },
          { name: 'rule_pack_version', type: 'varchar', length: '80' },
          { name: 'measure', type: 'text' },
          { name: 'passages', type: 'text' },
          { name: 'created_at', type: 'varchar', length: '30' },
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'review_items',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'source_type', type: 'varchar', length: '20' },
          { name: 'source_id', type: 'varchar', length: '36' },
          { name: 'source_key', type: 'varchar', length: '100' },
          { name: 'measure_id', type: 'varchar', length: '100' },
          { name: 'measure_version', type: 'varchar', length: '40' },
          { name: 'rule_pack_version', type: 'varchar', length: '80' },
          { name: 'match_status', type: 'varchar', length: '12' },
          { name: 'state', type: 'varchar', length: '12' },
          { name: 'decision_count', type: 'integer', default: 0 },
          { name: 'city', type: 'varchar', length: '40', isNullable: true },
          { name: 'park_id', type: 'varchar', length: '100', isNullable: true },
          { name: 'company_name', type: 'varchar', length: '200', isNullable: true },
          { name: 'credit_code', type: 'varchar', length: '18', isNullable: true },
          { name: 'created_at', type: 'varchar', length: '30' },
          { name: 'decided_at', type: 'varchar', length: '30', isNullable: true },
        ],
        uniques: [
          {
            name: 'uq_review_items_source_measure',
            columnNames: ['source_type', 'source_id', 'source_key', 'measure_id'],
          },
        ],
      }),
    );
    // The queue is always "state = ? [and one more filter] order by created_at, id": one index per filter.
    for (const [name, columns] of [
      ['idx_review_items_state', ['state', 'created_at', 'id']],
      ['idx_review_items_measure', ['measure_id', 'state', 'created_at']],
      ['idx_review_items_city', ['city', 'state', 'created_at']],
      ['idx_review_items_park', ['park_id', 'state', 'created_at']],
    ] as const) {
      await q.createIndex('review_items', new TableIndex({ name, columnNames: [...columns] }));
    }

    await q.createTable(
      new Table({
        name: 'review_decisions',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'review_item_id', type: 'varchar', length: '36' },
          { name: 'seq', type: 'integer' },
          { name: 'decision', type: 'varchar', length: '12' },
          { name: 'comment', type: 'text' },
          { name: 'previous_state', type: 'varchar', length: '12' },
          { name: 'decided_by', type: 'varchar', length: '36' },
          { name: 'decided_by_name', type: 'varchar', length: '100' },
          { name: 'decided_at', type: 'varchar', length: '30' },
        ],
        uniques: [{ name: 'uq_review_decisions_item_seq', columnNames: ['review_item_id', 'seq'] }],
        foreignKeys: [
          new TableForeignKey({
            columnNames: ['review_item_id'],
            referencedTableName: 'review_items',
            referencedColumnNames: ['id'],
            onDelete: 'RESTRICT',
          }),
          new TableForeignKey({
            columnNames: ['decided_by'],
            referencedTableName: 'users',
            referencedColumnNames: ['id'],
            onDelete: 'RESTRICT',
          }),
        ],
      }),
    );
    await q.createIndex(
      'review_decisions',
      new TableIndex({ name: 'idx_review_decisions_decided_at', columnNames: ['decided_at'] }),
    );
    await this.createAppendOnlyTriggers(q);
  }

  async down(q: QueryRunner): Promise<void> {
    if (q.connection.options.type === 'postgres') {
      const name = pgName(q);
      await q.query(`DROP TRIGGER IF EXISTS review_decisions_append_only ON ${name('review_decisions')}`);
      await q.query(`DROP TRIGGER IF EXISTS review_decisions_no_truncate ON ${name('review_decisions')}`);
      await q.query(`DROP FUNCTION IF EXISTS ${name('review_decisions_refuse_change')}()`);
    } else {
      await q.query('DROP TRIGGER IF EXISTS review_decisions_no_update');
      await q.query('DROP TRIGGER IF EXISTS review_decisions_no_delete');
    }
    await q.dropTable('review_decisions');
    await q.dropTable('review_items');
    await q.dropTable('rule_snapshots');
    await q.dropTable('users');
  }

  private async createAppendOnlyTriggers(q: QueryRunner): Promise<void> {
    if (q.connection.options.type === 'postgres') {
      const name = pgName(q);
      await q.query(`CREATE FUNCTION ${name('review_decisions_refuse_change')}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION '${APPEND_ONLY}' USING ERRCODE = 'integrity_constraint_violation'; END $$`);
      await q.query(`CREATE TRIGGER review_decisions_append_only BEFORE UPDATE OR DELETE ON ${name('review_decisions')}
        FOR EACH ROW EXECUTE FUNCTION ${name('review_decisions_refuse_change')}()`);
      await q.query(`CREATE TRIGGER review_decisions_no_truncate BEFORE TRUNCATE ON ${name('review_decisions')}
        FOR EACH STATEMENT EXECUTE FUNCTION ${name('review_decisions_refuse_change')}()`);
      return;
    }
    await q.query(`CREATE TRIGGER review_decisions_no_update BEFORE UPDATE ON review_decisions
      BEGIN SELECT RAISE(ABORT, '${APPEND_ONLY}'); END`);
    await q.query(`CREATE TRIGGER review_decisions_no_delete BEFORE DELETE ON review_decisions
      BEGIN SELECT RAISE(ABORT, '${APPEND_ONLY}'); END`);
  }
}

/** TypeORM qualifies its own DDL with the configured schema but does not set search_path: raw SQL must too. */
function pgName(q: QueryRunner): (name: string) => string {
  const schema = (q.connection.options as { schema?: string }).schema;
  return (name) => (schema ? `"${schema}"."${name}"` : `"${name}"`);
}
