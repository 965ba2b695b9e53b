import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/**
 * CONTRACT §2 Version 2 in screenings: the date validity is judged at (`as_of`), and per tenant the in-force
 * benchmarks met and the total of its estimates (元 a year), so a park can sort its tenants by value.
 */
export class ScreeningAsOfAndValue1764100000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.addColumn(
      'screenings',
      new TableColumn({ name: 'as_of', type: 'varchar', length: '10', isNullable: true }),
    );
    await q.addColumn('screening_tenants', new TableColumn({ name: 'benchmarks_met', type: 'integer', default: 0 }));
    await q.addColumn(
      'screening_tenants',
      new TableColumn({ name: 'estimated_value', type: 'double precision', default: 0 }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('screening_tenants', 'estimated_value');
    await q.dropColumn('screening_tenants', 'benchmarks_met');
    await q.dropColumn('screenings', 'as_of');
  }
}
