import * as fs from 'node:fs';
import * as iconv from 'iconv-lite';
import {
  CITY_LABELS,
  CLUSTER_LABELS,
  FieldSpec,
  PROFILE_FIELD_NAMES,
  PROFILE_FIELDS,
  Rng,
  seededRandom,
  syntheticProfile,
} from '@app/engine';

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
  const encode = (text: string) =>
    options.encoding === 'gb18030' ? iconv.encode(text, 'gb18030') : Buffer.from(text, 'utf8');
  const info: SyntheticFileInfo = { rows: options.rows, badRows: [], goodCreditCodes: [] };
  let chunk = (options.encoding === 'utf-8-bom' ? '\uFEFF' : '') + header + '\r\n';
  for (let i = 0; i < options.rows; i++) {
    const profile = syntheticProfile(rng, i) as Record<string, unknown>;
    const cells = fields.map((f) => formatCell(f, profile[f], rng));
    const rowNumber = i + 2;
    if (options.badEvery && (i + 1) % options.badEvery === 0) {
      const kind = BAD_ROW_KINDS[info.badRows.length % BAD_ROW_KINDS.length];
      cells[fields.indexOf(kind.field)] = kind.cell;
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
    case 'city':
      return rng() < 0.5 ? (CITY_LABELS as Record<string, { zh: string }>)[value as string].zh : (value as string);
    case 'clusters':
      return (value as string[])
        .map((c) => (rng() < 0.5 ? (CLUSTER_LABELS as Record<string, { zh: string }>)[c].zh : c))
        .join(';');
    case 'listed':
    case 'firstSetEquipment':
    case 'foreignInvested':
      return value ? '是' : '否';
    case 'name':
      return rng() < 0.05 ? `"${value as string}, 分公司"` : (value as string);
    case 'revenue':
      return rng() < 0.2 ? `"${(value as number).toLocaleString('en-US')}"` : (value as number).toString();
    default:
      return Array.isArray(value) ? value.join(';') : (value as string | number | boolean).toString();
  }
}
