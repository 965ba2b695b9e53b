import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';

/**
 * Screenings on the Redis queue (issue 14): a file cut into chunks that any worker screens. Each committed chunk leaves
 * a marker row (primary key: screening and chunk number) in the transaction of its outcomes, so a retried chunk commits
 * nothing twice; the screening records its chunk size, how many chunks its file made and how many are committed.
 */
export class ScreeningChunks1764400000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    if (q.connection.options.type === 'sqlite') {
      // SQLite adds a column in place; TypeORM's addColumns would rebuild the table and drop the trigger that assigns
      // `screening_key` (1764600000000-CompactScreeningStorage), on a database where that migration ran first.
      for (const column of ['chunk_rows integer', 'chunk_count integer', 'chunks_done integer NOT NULL DEFAULT 0'])
        await q.query(`ALTER TABLE "screenings" ADD COLUMN ${column}`);
    } else {
      await q.addColumns('screenings', [
        new TableColumn({ name: 'chunk_rows', type: 'integer', isNullable: true }),
        new TableColumn({ name: 'chunk_count', type: 'integer', isNullable: true }),
        new TableColumn({ name: 'chunks_done', type: 'integer', default: 0 }),
      ]);
    }
    await q.createTable(
      new Table({
        name: 'screening_chunks',
        columns: [
          { name: 'screening_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'chunk_no', type: 'integer', isPrimary: true },
          { name: 'row_count', type: 'integer' },
          { name: 'first_row', type: 'integer' },
          { name: 'last_row', type: 'integer' },
          { name: 'summary', type: 'text' },
          { name: 'committed_at', type: 'varchar', length: '30' },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('screening_chunks');
    for (const column of ['chunks_done', 'chunk_count', 'chunk_rows']) {
      if (q.connection.options.type === 'sqlite') await q.query(`ALTER TABLE "screenings" DROP COLUMN ${column}`);
      else await q.dropColumn('screenings', column);
    }
  }
}
