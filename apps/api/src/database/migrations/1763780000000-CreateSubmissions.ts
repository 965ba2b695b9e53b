import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

/** Written with TypeORM's Table API so the same migration runs on SQLite and PostgreSQL. */
export class CreateSubmissions1763780000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'submissions',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'receipt_hash', type: 'varchar', length: '64' },
          { name: 'profile', type: 'text' },
          { name: 'result', type: 'text' },
          { name: 'rule_pack_version', type: 'varchar', length: '80' },
          { name: 'lang', type: 'varchar', length: '2' },
          { name: 'city', type: 'varchar', length: '40', isNullable: true },
          { name: 'park_id', type: 'varchar', length: '100', isNullable: true },
          { name: 'created_at', type: 'varchar', length: '30' },
        ],
      }),
    );
    await q.createIndex(
      'submissions',
      new TableIndex({ name: 'idx_submissions_created_at', columnNames: ['created_at'] }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('submissions');
  }
}
