import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

/**
 * Every rule pack the service has loaded (content-addressed by rulePackVersion), and the policy sandbox: scenarios
 * (what-if overlays over a stored base pack, with who made them and when) and their runs over a population (the
 * results and their digest). Nothing here is ever updated but a run's status and result.
 */
export class CreateRulePacksAndScenarios1764300000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'rule_packs',
        columns: [
          { name: 'version', type: 'varchar', length: '80', isPrimary: true },
          { name: 'measure_count', type: 'integer' },
          { name: 'documents', type: 'text' },
          { name: 'measures', type: 'text' },
          { name: 'measure_versions', type: 'text' },
          { name: 'first_loaded_at', type: 'varchar', length: '30' },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'scenarios',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'name', type: 'varchar', length: '200' },
          { name: 'base_version', type: 'varchar', length: '80' },
          { name: 'scenario_version', type: 'varchar', length: '80' },
          { name: 'changes', type: 'text' },
          { name: 'created_by_id', type: 'varchar', length: '36' },
          { name: 'created_by_name', type: 'varchar', length: '100' },
          { name: 'created_at', type: 'varchar', length: '30' },
        ],
        foreignKeys: [
          { columnNames: ['base_version'], referencedTableName: 'rule_packs', referencedColumnNames: ['version'] },
        ],
      }),
    );
    await q.createIndex('scenarios', new TableIndex({ name: 'idx_scenarios_created', columnNames: ['created_at'] }));
    await q.createTable(
      new Table({
        name: 'scenario_runs',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'scenario_id', type: 'varchar', length: '36' },
          { name: 'population_kind', type: 'varchar', length: '20' },
          { name: 'population_ref', type: 'varchar', length: '255' },
          { name: 'as_of', type: 'varchar', length: '10' },
          { name: 'lang', type: 'varchar', length: '2' },
          { name: 'status', type: 'varchar', length: '10' },
          { name: 'tenants', type: 'integer', isNullable: true },
          { name: 'result', type: 'text', isNullable: true },
          { name: 'result_digest', type: 'varchar', length: '80', isNullable: true },
          { name: 'error', type: 'text', isNullable: true },
          { name: 'created_by_id', type: 'varchar', length: '36' },
          { name: 'created_by_name', type: 'varchar', length: '100' },
          { name: 'created_at', type: 'varchar', length: '30' },
          { name: 'finished_at', type: 'varchar', length: '30', isNullable: true },
        ],
        foreignKeys: [
          {
            columnNames: ['scenario_id'],
            referencedTableName: 'scenarios',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
      }),
    );
    await q.createIndex(
      'scenario_runs',
      new TableIndex({ name: 'idx_scenario_runs_scenario', columnNames: ['scenario_id', 'created_at'] }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('scenario_runs');
    await q.dropTable('scenarios');
    await q.dropTable('rule_packs');
  }
}
