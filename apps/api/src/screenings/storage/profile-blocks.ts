import { promisify } from 'node:util';
import { deflate, inflate } from 'node:zlib';
import { type EnterpriseProfile, PROFILE_FIELD_NAMES, type ProfileField } from '@app/engine';

/**
 * The profiles of a screening's tenants are stored in blocks, one per written batch (≤ 1,000 rows): a row of
 * `screening_profile_blocks` whose `data` is the zlib deflate of a compact JSON document, column by column:
 *
 *   { "v": 1, "rows": [2, 3, 5], "fields": { "revenue": [1000000, null, 25000], "listed": [true, null, null], … } }
 *
 * `rows` are the file row numbers in ascending order; each field's array has one value per row, null where the
 * profile leaves the field out (a validated profile never holds null). A field no row has is left out. The key
 * fields (credit code, name, city, park) are columns of `screening_tenants` already and are not repeated here:
 * `ProfileBlock.profile(row, keys)` puts them back from the tenant row, so a profile comes back field for field —
 * `JSON.stringify` of it is byte for byte the `profileJson(facts)` of @app/batch that earlier versions stored.
 *
 * Column by column, the 1,000 values of a field sit side by side and deflate well: about 34 bytes a tenant for the
 * synthetic file of `scripts/measure-screening-storage.js`, against 494 bytes of profile JSON per row before.
 */
export const PROFILE_BLOCK_FORMAT = 1;

/** Profile fields kept as columns of `screening_tenants` and left out of the block. */
export const PROFILE_KEY_FIELDS = ['creditCode', 'name', 'city', 'parkId'] as const;
export type ProfileKeyField = (typeof PROFILE_KEY_FIELDS)[number];
export type ProfileKeys = Record<ProfileKeyField, string | null>;

const KEY_FIELD_SET = new Set<string>(PROFILE_KEY_FIELDS);
/** The profile fields a block holds, in profile order. */
export const BLOCK_FIELDS: readonly ProfileField[] = PROFILE_FIELD_NAMES.filter((f) => !KEY_FIELD_SET.has(f));
const BLOCK_FIELD_SET = new Set<string>(BLOCK_FIELDS);

const deflateAsync = promisify(deflate);
const inflateAsync = promisify(inflate);

/** One tenant for a block: its row number and its profile (or facts: only profile fields are read). */
export interface BlockTenant {
  rowNumber: number;
  profile: Readonly<Record<string, unknown>>;
}

interface BlockJson {
  v: number;
  rows: number[];
  fields: Record<string, unknown[]>;
}

/** The key columns of a tenant row, from its profile or facts (absent: null). */
export function profileKeys(profile: Readonly<Record<string, unknown>>): ProfileKeys {
  const key = (f: ProfileKeyField) => (profile[f] as string | undefined) ?? null;
  return { creditCode: key('creditCode'), name: key('name'), city: key('city'), parkId: key('parkId') };
}

/** The block document of some tenants (row numbers ascending), before compression. */
export function profileBlockJson(tenants: readonly BlockTenant[]): string {
  const rows = tenants.map((t) => t.rowNumber);
  for (let i = 0; i < rows.length; i++)
    if (!Number.isInteger(rows[i]) || rows[i] < 1 || (i > 0 && rows[i] <= rows[i - 1]))
      throw new RangeError(`profile block: row numbers must be positive and ascending (row ${rows[i]} at ${i})`);
  const fields: Record<string, unknown[]> = {};
  for (const field of BLOCK_FIELDS) {
    let present = false;
    const values = tenants.map((t) => {
      const value = t.profile[field];
      if (value === null) throw new TypeError(`profile block: row ${t.rowNumber} holds null in ${field}`);
      if (value === undefined) return null;
      present = true;
      return value;
    });
    if (present) fields[field] = values;
  }
  const doc: BlockJson = { v: PROFILE_BLOCK_FORMAT, rows, fields };
  return JSON.stringify(doc);
}

/** The compressed block of some tenants (row numbers ascending). */
export async function encodeProfileBlock(tenants: readonly BlockTenant[]): Promise<Buffer> {
  return deflateAsync(Buffer.from(profileBlockJson(tenants), 'utf8'));
}

/** A stored block back; throws naming what is wrong if it is not a block this version wrote. */
export async function decodeProfileBlock(data: Buffer | Uint8Array): Promise<ProfileBlock> {
  const text = (await inflateAsync(data)).toString('utf8');
  return new ProfileBlock(parseBlock(text));
}

function parseBlock(text: string): BlockJson {
  const doc = JSON.parse(text) as Partial<BlockJson> | null;
  if (typeof doc !== 'object' || doc === null) throw new Error('profile block: not a JSON object');
  if (doc.v !== PROFILE_BLOCK_FORMAT)
    throw new Error(`profile block: format ${String(doc.v)} is not one this version reads`);
  const rows = doc.rows;
  if (!Array.isArray(rows) || !rows.every((r) => Number.isInteger(r)))
    throw new Error('profile block: rows is not a list of row numbers');
  const fields = doc.fields;
  if (typeof fields !== 'object' || fields === null || Array.isArray(fields))
    throw new Error('profile block: fields is not an object');
  for (const [field, values] of Object.entries(fields)) {
    if (!BLOCK_FIELD_SET.has(field)) throw new Error(`profile block: unknown field ${field}`);
    if (!Array.isArray(values) || values.length !== rows.length)
      throw new Error(`profile block: ${field} does not hold one value per row`);
  }
  return { v: doc.v, rows, fields };
}

/** A decoded block: the profile of any of its rows. */
export class ProfileBlock {
  private readonly index = new Map<number, number>();

  constructor(private readonly doc: BlockJson) {
    doc.rows.forEach((row, i) => this.index.set(row, i));
  }

  /** Row numbers held, ascending. */
  get rows(): readonly number[] {
    return this.doc.rows;
  }

  has(rowNumber: number): boolean {
    return this.index.has(rowNumber);
  }

  /**
   * The profile of `rowNumber`, with the key fields from its tenant row: fields in profile order, absent ones left
   * out, exactly as the validated profile was when the row was screened. Throws if the block does not hold the row.
   */
  profile(rowNumber: number, keys: ProfileKeys): EnterpriseProfile {
    const i = this.index.get(rowNumber);
    if (i === undefined) throw new Error(`profile block: row ${rowNumber} is not in this block`);
    const profile: Record<string, unknown> = {};
    const fields = this.doc.fields;
    for (const field of PROFILE_FIELD_NAMES) {
      const value = KEY_FIELD_SET.has(field) ? keys[field as ProfileKeyField] : fields[field]?.[i];
      if (value !== null && value !== undefined) profile[field] = value;
    }
    return profile;
  }
}
