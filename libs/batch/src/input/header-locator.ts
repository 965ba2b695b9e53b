import { LocalizedText } from '@app/engine';
import { BatchFileError } from '../batch-file-error';
import { ColumnPlan, mapHeaders, recognisedHeaders } from './header-map';
import { isBlank, RawRecord } from './raw-record';

/** The header row is looked for among this many non-blank rows: title rows sit above it. */
export const HEADER_SEARCH_ROWS = 10;

/** What the reader did to a file that a person should know: said in the screening summary and the CLI output. */
export interface FileNote {
  code: 'title-rows-skipped' | 'unit-converted';
  message: LocalizedText;
}

export interface LocatedHeader {
  header: RawRecord;
  columns: ColumnPlan;
  /** Non-blank rows above the header (a title such as "××园区重点企业名单（2025年度）"). */
  titleRows: RawRecord[];
}

/**
 * Finds the header row among the first non-blank rows: the first one whose cells all read as headers (field names,
 * Chinese headers or labels, with or without a unit). A title row above it, often one merged cell, is skipped.
 * When no row qualifies, the row most like a header (most cells recognised, the first of equals) gives the error,
 * so a misspelt header still gets its own message. Rows after the header are left in the iterator.
 */
export async function locateHeader(records: AsyncIterator<RawRecord>): Promise<LocatedHeader> {
  const titleRows: RawRecord[] = [];
  let best: { score: number; error: unknown } | null = null;
  while (titleRows.length < HEADER_SEARCH_ROWS) {
    const next = await records.next();
    if (next.done) break;
    const row = next.value;
    if (isBlank(row.cells)) continue;
    try {
      return { header: row, columns: mapHeaders(row.cells), titleRows };
    } catch (e) {
      if (!(e instanceof BatchFileError)) throw e;
      const score = recognisedHeaders(row.cells);
      if (!best || score > best.score) best = { score, error: e };
      titleRows.push(row);
    }
  }
  if (best) throw best.error;
  throw new BatchFileError('empty-file', { zh: '文件没有任何内容', en: 'the file has no rows' });
}

/** The notes of a located header: title rows skipped, unit columns converted to 元. */
export function headerNotes({ header, columns, titleRows }: LocatedHeader): FileNote[] {
  const notes: FileNote[] = [];
  if (titleRows.length > 0) {
    const first = titleRows[0].cells.find((c) => c !== null && String(c).trim() !== '');
    const rows = titleRows.map((r) => r.rowNumber).join('、');
    notes.push({
      code: 'title-rows-skipped',
      message: {
        zh: `表头在第 ${header.rowNumber} 行；其上方的第 ${rows} 行（“${String(first).trim()}”）视为标题，未作为数据读取`,
        en: `The header is row ${header.rowNumber}; row(s) ${rows.replace(/、/g, ', ')} above it ("${String(first).trim()}") were taken as a title, not data`,
      },
    });
  }
  columns.factors?.forEach((factor, i) => {
    const unit = columns.units?.[i];
    if (!unit || factor === 1) return;
    const times = factor.toLocaleString('en-US');
    notes.push({
      code: 'unit-converted',
      message: {
        zh: `“${columns.headers[i]}”列按${unit}填写，已换算为元（×${times}）`,
        en: `Column "${columns.headers[i]}" is in ${unit}; converted to yuan (×${times})`,
      },
    });
  });
  return notes;
}
