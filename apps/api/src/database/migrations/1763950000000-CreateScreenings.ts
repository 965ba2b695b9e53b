import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

/** Batch screenings, their tenants' outcomes and rejected rows. Table API: the same on SQLite and PostgreSQL. */
export class CreateScreenings1763950000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'screenings',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'status', type: 'varchar', length: '10' },
          { name: 'park_id', type: 'varchar', length: '100', isNullable: true },
          { name: 'file_name', type: 'varchar', length: '255' },
          { name: 'file_format', type: 'varchar', length: '8' },
          { name: 'upload_path', type: 'varchar', length: '500', isNullable: true },
          { name: 'lang', type: 'varchar', length: '2' },
          { name: 'rule_pack_version', type: 'varchar', length: '80' },
          { name: 'measure_ids', type: 'text' },
          { name: 'source_headers', type: 'text' },
          { name: 'total', type: 'integer', isNullable: true },
          { name: 'processed', type: 'integer', default: 0 },
          { name: 'screened', type: 'integer', default: 0 },
          { name: 'rejected_rows', type: 'integer', default: 0 },
          { name: 'last_row_number', type: 'integer', default: 0 },
          { name: 'summary', type: 'text', isNullable: true },
          { name: 'error', type: 'text', isNullable: true },
          { name: 'created_at', type: 'varchar', length: '30' },
          { name: 'updated_at', type: 'varchar', length: '30' },
          { name: 'finished_at', type: 'varchar', length: '30', isNullable: true },
        ],
      }),
    );
    await q.createIndex(
      'screenings',
      new TableIndex({ name: 'idx_screenings_park_created', columnNames: ['park_id', 'created_at'] }),
    );
    await q.createIndex('screenings', new TableIndex({ name: 'idx_screenings_status', columnNames: ['status'] }));
    await q.createTable(
      new Table({
        name: 'screening_tenants',
        columns: [
          { name: 'screening_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'row_number', type: 'integer', isPrimary: true },
          { name: 'credit_code', type: 'varchar', length: '18', isNullable: true },
          { name: 'name', type: 'varchar', length: '200', isNullable: true },
          { name: 'park_id', type: 'varchar', length: '100', isNullable: true },
          { name: 'city', type: 'varchar', length: '40', isNullable: true },
          { name: 'statuses', type: 'text' },
          { name: 'eligible', type: 'integer' },
          { name: 'needs_info', type: 'integer' },
          { name: 'ineligible', type: 'integer' },
          { name: 'near_miss', type: 'integer' },
          { name: 'warnings', type: 'text', isNullable: true },
          { name: 'profile', type: 'text' },
        ],
        foreignKeys: [
          {
            columnNames: ['screening_id'],
            referencedTableName: 'screenings',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'screening_rejected_rows',
        columns: [
          { name: 'screening_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'row_number', type: 'integer', isPrimary: true },
          { name: 'errors', type: 'text' },
          { name: 'cells', type: 'text' },
        ],
        foreignKeys: [
          {
            columnNames: ['screening_id'],
            referencedTableName: 'screenings',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('screening_rejected_rows');
    await q.dropTable('screening_tenants');
    await q.dropTable('screenings');
  }
}
