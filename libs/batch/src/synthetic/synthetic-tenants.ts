import * as fs from 'node:fs';
import * as iconv from 'iconv-lite';
import {
  ACTIVITIES, CITIES, CITY_LABELS, CLUSTER_LABELS, CLUSTERS, creditCodeCheckChar, CREDIT_CODE_ALPHABET, EnterpriseProfile,
  ENTITY_TYPES, FieldSpec, PROFILE_FIELD_NAMES, PROFILE_FIELDS, QUALIFICATIONS, RD_CENTERS,
} from '@app/engine';

/** A small fast seeded PRNG (mulberry32): the same seed gives the same tenants on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)];
const some = <T>(rng: Rng, list: readonly T[], p: number): T[] => list.filter(() => rng() < p);
/** Unknown (absent) with probability p: absent means unknown, and real files have gaps. */
const maybe = <T>(rng: Rng, p: number, value: () => T): T | undefined => (rng() < p ? undefined : value());

export function syntheticCreditCode(rng: Rng): string {
  let first17 = '91440';
  while (first17.length < 17) first17 += CREDIT_CODE_ALPHABET[Math.floor(rng() * 31)];
  return first17 + creditCodeCheckChar(first17);
}

/**
 * A random but realistic enterprise over every CONTRACT §1 field: mostly Guangdong enterprises, revenue
 * spread over five orders of magnitude, R&D intensity 0–12% (so the 6% benchmark splits them), ~10% of each
 * figure unknown.
 */
export function syntheticProfile(rng: Rng, index = 0): EnterpriseProfile {
  const revenue = maybe(rng, 0.1, () => Math.round(10 ** (5 + rng() * 5)));
  const city = rng() < 0.08 ? 'outside-guangdong' : pick(rng, CITIES.filter((c) => c !== 'outside-guangdong'));
  return strip({
    creditCode: syntheticCreditCode(rng),
    name: `示例企业${index}科技有限公司`,
    city: maybe(rng, 0.03, () => city),
    fiscalYear: maybe(rng, 0.3, () => 2023 + Math.floor(rng() * 3)),
    entityType: maybe(rng, 0.05, () => (rng() < 0.85 ? 'enterprise' : pick(rng, ENTITY_TYPES))),
    clusters: maybe(rng, 0.1, () => [pick(rng, CLUSTERS), ...(rng() < 0.4 ? [pick(rng, CLUSTERS)] : [])].filter((c, i, a) => a.indexOf(c) === i)),
    employees: maybe(rng, 0.1, () => Math.floor(10 ** (rng() * 3.6))),
    revenue,
    rdExpense: maybe(rng, 0.15, () => Math.round((revenue ?? 1e7) * rng() * 0.12)),
    exportValue: maybe(rng, 0.3, () => Math.round((revenue ?? 1e7) * rng() * 0.5)),
    qualifications: maybe(rng, 0.1, () => some(rng, QUALIFICATIONS, 0.2)),
    listed: maybe(rng, 0.2, () => rng() < 0.1),
    inventionPatents: maybe(rng, 0.2, () => Math.floor(rng() * 60)),
    domesticInstrumentPurchases: maybe(rng, 0.3, () => (rng() < 0.5 ? 0 : Math.round(rng() * 5e6))),
    firstSetEquipment: maybe(rng, 0.2, () => rng() < 0.08),
    rdCenters: maybe(rng, 0.2, () => some(rng, RD_CENTERS, 0.15)),
    activities: maybe(rng, 0.1, () => some(rng, ACTIVITIES, 0.15)),
    parkId: `park-${1 + Math.floor(rng() * 40)}`,
    taxableIncome: maybe(rng, 0.3, () => Math.round((revenue ?? 1e7) * rng() * 0.15)),
    techTransferIncome: maybe(rng, 0.4, () => (rng() < 0.8 ? 0 : Math.round(rng() * 8e6))),
    foreignInvested: maybe(rng, 0.2, () => rng() < 0.12),
    firstSetContractValue: maybe(rng, 0.5, () => (rng() < 0.9 ? 0 : Math.round(rng() * 1e8))),
  }) as EnterpriseProfile;
}

function strip(o: Record<string, unknown>): Record<string, unknown> {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}

/** The ways a row can be bad in the generated files, each with the field the report must name. */
export const BAD_ROW_KINDS = [
  { field: 'revenue', cell: '-5000' },
  { field: 'city', cell: '香港' },
  { field: 'creditCode', cell: '91440300-BAD' },
  { field: 'employees', cell: '12.5' },
  { field: 'clusters', cell: '元宇宙' },
  { field: 'listed', cell: '也许' },
] as const;

export interface SyntheticFileOptions {
  rows: number;
  seed?: number;
  /** Every n-th data row is bad (one of BAD_ROW_KINDS, in turn); 0 for none. */
  badEvery?: number;
  /** Chinese headers (default) or field names. */
  headers?: 'zh' | 'en';
  encoding?: 'utf-8' | 'utf-8-bom' | 'gb18030';
}

export interface SyntheticFileInfo {
  rows: number;
  /** Row numbers (header = row 1) of the bad rows, with the field each one gets wrong. */
  badRows: { rowNumber: number; field: string }[];
  /** Credit codes of the good rows, in file order. */
  goodCreditCodes: string[];
}

/**
 * Writes a tenant CSV the way a park's spreadsheet export looks: Chinese city and cluster names as often as
 * ids, 是/否 booleans, thousands separators, names that need quoting. Written in 1 MB pieces, never whole.
 */
export function writeSyntheticTenantCsv(file: string, options: SyntheticFileOptions): SyntheticFileInfo {
  const rng = seededRandom(options.seed ?? 42);
  const fields = PROFILE_FIELD_NAMES;
  const header = fields.map((f) => (options.headers === 'en' ? f : (PROFILE_FIELDS[f] as FieldSpec).header)).join(',');
  const fd = fs.openSync(file, 'w');
  const encode = (text: string) => (options.encoding === 'gb18030' ? iconv.encode(text, 'gb18030') : Buffer.from(text, 'utf8'));
  const info: SyntheticFileInfo = { rows: options.rows, badRows: [], goodCreditCodes: [] };
  let chunk = (options.encoding === 'utf-8-bom' ? '\uFEFF' : '') + header + '\r\n';
  for (let i = 0; i < options.rows; i++) {
    const profile = syntheticProfile(rng, i) as Record<string, unknown>;
    const cells = fields.map((f) => formatCell(f, profile[f], rng));
    const rowNumber = i + 2;
    if (options.badEvery && (i + 1) % options.badEvery === 0) {
      const kind = BAD_ROW_KINDS[info.badRows.length % BAD_ROW_KINDS.length];
      cells[fields.indexOf(kind.field as never)] = kind.cell;
      info.badRows.push({ rowNumber, field: kind.field });
    } else {
      info.goodCreditCodes.push(profile.creditCode as string);
    }
    chunk += cells.join(',') + '\r\n';
    if (chunk.length > 1 << 20) {
      fs.writeSync(fd, encode(chunk));
      chunk = '';
    }
  }
  fs.writeSync(fd, encode(chunk));
  fs.closeSync(fd);
  return info;
}

function formatCell(field: string, value: unknown, rng: Rng): string {
  if (value === undefined) return '';
  switch (field) {
    case 'city': return rng() < 0.5 ? (CITY_LABELS as Record<string, { zh: string }>)[value as string].zh : (value as string);
    case 'clusters':
      return (value as string[]).map((c) => (rng() < 0.5 ? (CLUSTER_LABELS as Record<string, { zh: string }>)[c].zh : c)).join(';');
    case 'listed': case 'firstSetEquipment': case 'foreignInvested': return value ? '是' : '否';
    case 'name': return rng() < 0.05 ? `"${value as string}, 分公司"` : (value as string);
    case 'revenue': return rng() < 0.2 ? `"${(value as number).toLocaleString('en-US')}"` : String(value);
    default: return Array.isArray(value) ? value.join(';') : String(value);
  }
}
