import { isDeepStrictEqual } from 'node:util';
import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { packDigitStatuses, unpackStatuses } from '../../screenings/storage/packed-statuses';
import { decodeProfileBlock, encodeProfileBlock, profileKeys } from '../../screenings/storage/profile-blocks';

const NAME = 'CompactScreeningStorage1764600000000';
/** Tenants per profile block when converting: the size of a screening batch. */
const BLOCK_ROWS = 1000;
/** Rows per INSERT: 13 columns × 200 = 2,600 bound parameters. */
const INSERT_ROWS = 200;

const TENANT_COLUMNS = [
  'credit_code',
  'name',
  'park_id',
  'city',
  'statuses',
  'eligible',
  'needs_info',
  'ineligible',
  'near_miss',
  'benchmarks_met',
  'estimated_value',
  'warnings',
] as const;

type Row = Record<string, unknown>;

/**
 * Issue 12 item 6 (a 100,000-row screening adds at most 1.5× its upload): screening tenants in a compact form.
 *
 * - `screenings.screening_key`: a small integer the database assigns (PostgreSQL: a sequence, `SERIAL`; SQLite: the
 *   `screenings_assign_key` trigger, the largest key + 1), unique; the key of the tenant rows instead of the
 *   36-character id, on every row and in the primary key. (A later migration that lets TypeORM rebuild the SQLite
 *   `screenings` table must create the trigger again.)
 * - `screening_tenants`: keyed by (screening_key, row_number), WITHOUT ROWID on SQLite; `statuses` packed three
 *   measures to a character (`packed-statuses.ts`); no `profile` column.
 * - `screening_profile_blocks`: the profiles, deflated, one block per written batch (`profile-blocks.ts`).
 *
 * Stored tenants are converted, not dropped: each screening's rows in blocks of 1,000, every profile checked to
 * come back equal from its block before the old table goes (otherwise the migration stops, naming the row, and
 * nothing changes). The counts go to `migration_notes` and the log. `down` converts back.
 */
export class CompactScreeningStorage1764600000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    const name = tableName(q);
    await this.addScreeningKey(q);
    await q.query(`ALTER TABLE ${name('screening_tenants')} RENAME TO "screening_tenants_v1"`);
    await createTenantTables(q);

    const screenings = (await q.query(
      `SELECT s.id, s.screening_key FROM ${name('screenings')} s
        WHERE EXISTS (SELECT 1 FROM ${name('screening_tenants_v1')} t WHERE t.screening_id = s.id)
        ORDER BY s.screening_key`,
    )) as { id: string; screening_key: number }[];
    let rows = 0;
    let blocks = 0;
    for (const s of screenings) {
      for (let after = 0; ;) {
        const page = (await q.query(
          `SELECT row_number, ${TENANT_COLUMNS.join(', ')}, profile FROM ${name('screening_tenants_v1')}
            WHERE screening_id = ${params(q, 1)} AND row_number > ${params(q, 1, 2)}
            ORDER BY row_number LIMIT ${BLOCK_ROWS}`,
          [s.id, after],
        )) as Row[];
        if (page.length === 0) break;
        await convertPage(q, s.screening_key, page);
        rows += page.length;
        blocks++;
        after = Number(page[page.length - 1].row_number);
      }
    }
    await q.dropTable('screening_tenants_v1');

    const note =
      `converted ${rows} tenant row(s) of ${screenings.length} screening(s) to the compact format ` +
      `(${blocks} profile block(s)); statuses packed three measures to a character`;
    await q.query(`INSERT INTO ${name('migration_notes')} (migration, note, created_at) VALUES (${params(q, 3)})`, [
      NAME,
      note,
      new Date().toISOString(),
    ]);
    q.connection.logger.log('info', `migration ${NAME}: ${note}`);
  }

  async down(q: QueryRunner): Promise<void> {
    const name = tableName(q);
    await q.createTable(oldTenantTable());
    const screenings = (await q.query(
      `SELECT id, screening_key, measure_ids FROM ${name('screenings')} ORDER BY screening_key`,
    )) as { id: string; screening_key: number; measure_ids: string }[];
    for (const s of screenings) {
      const measureCount = (JSON.parse(s.measure_ids) as unknown[]).length;
      for (let after = 0; ;) {
        const [block] = (await q.query(
          `SELECT first_row, last_row, data FROM ${name('screening_profile_blocks')}
            WHERE screening_key = ${params(q, 1)} AND first_row > ${params(q, 1, 2)} ORDER BY first_row LIMIT 1`,
          [s.screening_key, after],
        )) as { first_row: number; last_row: number; data: Buffer }[];
        if (!block) break;
        const decoded = await decodeProfileBlock(block.data);
        const tenants = (await q.query(
          `SELECT row_number, ${TENANT_COLUMNS.join(', ')} FROM ${name('screening_tenants')}
            WHERE screening_key = ${params(q, 1)} AND row_number >= ${params(q, 1, 2)}
              AND row_number <= ${params(q, 1, 3)} ORDER BY row_number`,
          [s.screening_key, block.first_row, block.last_row],
        )) as Row[];
        const old = tenants.map((t) => ({
          screening_id: s.id,
          ...t,
          statuses: unpackStatuses(t.statuses as string, measureCount).join(''),
          profile: JSON.stringify(decoded.profile(Number(t.row_number), tenantKeys(t))),
        }));
        await insertRows(q, 'screening_tenants_v1', ['screening_id', 'row_number', ...TENANT_COLUMNS, 'profile'], old);
        after = Number(block.first_row);
      }
    }
    await q.dropTable('screening_profile_blocks');
    await q.dropTable('screening_tenants');
    await q.query(`ALTER TABLE ${name('screening_tenants_v1')} RENAME TO "screening_tenants"`);
    await this.dropScreeningKey(q);
    await q.query(`DELETE FROM ${name('migration_notes')} WHERE migration = ${params(q, 1)}`, [NAME]);
  }

  private async addScreeningKey(q: QueryRunner): Promise<void> {
    const name = tableName(q);
    if (isPostgres(q)) {
      // SERIAL numbers the screenings already stored and every new one from a sequence.
      await q.query(`ALTER TABLE ${name('screenings')} ADD COLUMN screening_key SERIAL`);
      await q.query(`ALTER TABLE ${name('screenings')} ADD CONSTRAINT uq_screenings_key UNIQUE (screening_key)`);
      return;
    }
    await q.query(`ALTER TABLE "screenings" ADD COLUMN screening_key integer`);
    await q.query(`UPDATE "screenings" SET screening_key = rowid`);
    await q.query(`CREATE UNIQUE INDEX "uq_screenings_key" ON "screenings" (screening_key)`);
    // A key, once given, is never taken back while its rows exist: the tenant tables' foreign keys cascade.
    await q.query(`CREATE TRIGGER screenings_assign_key AFTER INSERT ON "screenings"
      FOR EACH ROW WHEN NEW.screening_key IS NULL
      BEGIN
        UPDATE "screenings" SET screening_key = (SELECT COALESCE(MAX(screening_key), 0) + 1 FROM "screenings")
         WHERE rowid = NEW.rowid;
      END`);
  }

  private async dropScreeningKey(q: QueryRunner): Promise<void> {
    const name = tableName(q);
    if (isPostgres(q)) {
      await q.query(`ALTER TABLE ${name('screenings')} DROP COLUMN screening_key`);
      return;
    }
    await q.query('DROP TRIGGER IF EXISTS screenings_assign_key');
    await q.query('DROP INDEX IF EXISTS "uq_screenings_key"');
    await q.query('ALTER TABLE "screenings" DROP COLUMN screening_key');
  }
}

async function createTenantTables(q: QueryRunner): Promise<void> {
  const byKey = {
    columnNames: ['screening_key'],
    referencedTableName: 'screenings',
    referencedColumnNames: ['screening_key'],
    onDelete: 'CASCADE',
  };
  await q.createTable(
    new Table({
      name: 'screening_tenants',
      withoutRowid: true,
      columns: [
        { name: 'screening_key', type: 'integer', isPrimary: true },
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
        { name: 'benchmarks_met', type: 'integer', default: 0 },
        { name: 'estimated_value', type: 'double precision', default: 0 },
        { name: 'warnings', type: 'text', isNullable: true },
      ],
      foreignKeys: [byKey],
    }),
  );
  await q.createTable(
    new Table({
      name: 'screening_profile_blocks',
      columns: [
        { name: 'screening_key', type: 'integer', isPrimary: true },
        { name: 'first_row', type: 'integer', isPrimary: true },
        { name: 'last_row', type: 'integer' },
        { name: 'data', type: isPostgres(q) ? 'bytea' : 'blob' },
      ],
      foreignKeys: [byKey],
    }),
  );
  // Already compressed: PostgreSQL need not try pglz on it before moving it out of line.
  if (isPostgres(q))
    await q.query(`ALTER TABLE ${tableName(q)('screening_profile_blocks')} ALTER COLUMN data SET STORAGE EXTERNAL`);
}

/** One page of old rows (≤ BLOCK_ROWS, ascending) as new tenant rows and one block, checked before they are written. */
async function convertPage(q: QueryRunner, screeningKey: number, page: Row[]): Promise<void> {
  const tenants = page.map((r) => ({
    rowNumber: Number(r.row_number),
    profile: JSON.parse(r.profile as string) as Record<string, unknown>,
  }));
  const data = await encodeProfileBlock(tenants);
  const decoded = await decodeProfileBlock(data);
  for (const [i, t] of tenants.entries()) {
    if (!isDeepStrictEqual(decoded.profile(t.rowNumber, tenantKeys(page[i])), t.profile))
      throw new Error(
        `${NAME}: the profile of row ${t.rowNumber} of screening key ${screeningKey} would not come back unchanged ` +
          `(its key columns differ from its profile, or it holds a field this version does not know); nothing was converted`,
      );
  }
  const rows = page.map((r) => ({
    screening_key: screeningKey,
    ...Object.fromEntries(['row_number', ...TENANT_COLUMNS].map((c) => [c, r[c]])),
    statuses: packDigitStatuses(r.statuses as string),
  }));
  await insertRows(q, 'screening_tenants', ['screening_key', 'row_number', ...TENANT_COLUMNS], rows);
  await insertRows(
    q,
    'screening_profile_blocks',
    ['screening_key', 'first_row', 'last_row', 'data'],
    [
      {
        screening_key: screeningKey,
        first_row: tenants[0].rowNumber,
        last_row: tenants[tenants.length - 1].rowNumber,
        data,
      },
    ],
  );
}

function tenantKeys(r: Row) {
  return profileKeys({ creditCode: r.credit_code, name: r.name, city: r.city, parkId: r.park_id });
}

async function insertRows(q: QueryRunner, table: string, columns: readonly string[], rows: Row[]): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_ROWS) {
    const chunk = rows.slice(i, i + INSERT_ROWS);
    const values = chunk.map((_, k) => `(${params(q, columns.length, k * columns.length + 1)})`).join(', ');
    await q.query(
      `INSERT INTO ${tableName(q)(table)} (${columns.join(', ')}) VALUES ${values}`,
      chunk.flatMap((r) => columns.map((c) => r[c] ?? null)),
    );
  }
}

/** `screening_tenants` as 1763950000000 and 1764100000000 left it (for `down`). */
function oldTenantTable(): Table {
  return new Table({
    name: 'screening_tenants_v1',
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
      { name: 'benchmarks_met', type: 'integer', default: 0 },
      { name: 'estimated_value', type: 'double precision', default: 0 },
    ],
    foreignKeys: [
      {
        columnNames: ['screening_id'],
        referencedTableName: 'screenings',
        referencedColumnNames: ['id'],
        onDelete: 'CASCADE',
      },
    ],
  });
}

const isPostgres = (q: QueryRunner) => q.connection.options.type === 'postgres';

/** TypeORM qualifies its own DDL with the configured schema but does not set search_path: raw SQL must too. */
function tableName(q: QueryRunner): (table: string) => string {
  const schema = (q.connection.options as { schema?: string }).schema;
  return (table) => (schema ? `"${schema}"."${table}"` : `"${table}"`);
}

/** Placeholders for `count` values from the `from`-th: `$n` on PostgreSQL, `?` on SQLite. */
function params(q: QueryRunner, count: number, from = 1): string {
  return Array.from({ length: count }, (_, i) => (isPostgres(q) ? `$${from + i}` : '?')).join(', ');
}
