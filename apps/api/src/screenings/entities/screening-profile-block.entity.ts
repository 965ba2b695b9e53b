import { EntitySchema } from 'typeorm';

/**
 * The profiles of one written batch of a screening's tenants (rows `firstRow` to `lastRow`, ≤ 1,000 tenants),
 * compressed: `storage/profile-blocks.ts` writes and reads `data`. Written in the transaction of the batch's tenant
 * rows, so a tenant row never exists without its profile.
 *
 * Described by an EntitySchema made per store (`profileBlockSchema`), not by decorators: `data` is binary, `bytea`
 * on PostgreSQL and `blob` on SQLite, and TypeORM has no binary type both accept. `dataSourceOptions` adds the
 * store's schema; the code uses this class as the target (`m.getRepository(ScreeningProfileBlockEntity)`).
 */
export class ScreeningProfileBlockEntity {
  screeningKey: number;
  /** The first tenant row the block holds; blocks of a screening never overlap. */
  firstRow: number;
  lastRow: number;
  data: Buffer;
}

export function profileBlockSchema(store: 'sqlite' | 'postgres'): EntitySchema<ScreeningProfileBlockEntity> {
  return new EntitySchema<ScreeningProfileBlockEntity>({
    name: 'ScreeningProfileBlockEntity',
    target: ScreeningProfileBlockEntity,
    tableName: 'screening_profile_blocks',
    columns: {
      screeningKey: { name: 'screening_key', type: 'integer', primary: true },
      firstRow: { name: 'first_row', type: 'integer', primary: true },
      lastRow: { name: 'last_row', type: 'integer' },
      data: { name: 'data', type: store === 'postgres' ? 'bytea' : 'blob' },
    },
  });
}
