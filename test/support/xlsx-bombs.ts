import * as fs from 'node:fs';
import * as zlib from 'node:zlib';

/**
 * Hostile XLSX files built byte by byte (issue 14): a sheet of blank rows that expands ~600-fold, a shared-strings
 * bomb, a sheet cut inside a row. The deflate data of a repeated block is made once with a full flush (which ends
 * the block on a byte boundary and forgets the history), so it can be repeated N times and closed with an empty
 * final block: a 1 GB part costs ~1 MB and no gigabyte is ever built in memory.
 */
export interface ZipPart {
  name: string;
  /** Raw deflate data. */
  deflated: Buffer;
  crc: number;
  size: number;
  /** What the headers claim (a bomb may lie); default the real size. */
  declaredSize?: number;
}

const FINAL_EMPTY_BLOCK = Buffer.from([0x03, 0x00]);

export function part(name: string, text: string | Buffer): ZipPart {
  const data = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  return { name, deflated: zlib.deflateRawSync(data), crc: zlib.crc32(data), size: data.length };
}

/** A part made of `block` repeated `times` times between `head` and `tail`, deflated without building it. */
export function repeatedPart(name: string, head: string, block: string, times: number, tail: string): ZipPart {
  const blockBytes = Buffer.from(block);
  const flush = { finishFlush: zlib.constants.Z_FULL_FLUSH, level: 9 };
  const deflatedBlock = zlib.deflateRawSync(blockBytes, flush);
  let crc = zlib.crc32(head);
  for (let i = 0; i < times; i++) crc = zlib.crc32(blockBytes, crc);
  crc = zlib.crc32(tail, crc);
  const deflated = Buffer.concat([
    zlib.deflateRawSync(Buffer.from(head), flush),
    ...Array.from({ length: times }, () => deflatedBlock),
    zlib.deflateRawSync(Buffer.from(tail), flush),
    FINAL_EMPTY_BLOCK,
  ]);
  const size = Buffer.byteLength(head) + blockBytes.length * times + Buffer.byteLength(tail);
  return { name, deflated, crc, size };
}

/** A zip of deflated parts with a central directory; sizes over 4 GB are not needed here. */
export function writeZip(file: string, parts: ZipPart[]): void {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name);
    const declared = p.declaredSize ?? p.size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0, 6);
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(p.crc >>> 0, 14);
    local.writeUInt32LE(p.deflated.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, p.deflated);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(8, 10);
    dir.writeUInt32LE(p.crc >>> 0, 16);
    dir.writeUInt32LE(p.deflated.length, 20);
    dir.writeUInt32LE(declared, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    central.push(dir, name);
    offset += 30 + name.length + p.deflated.length;
  }
  const centralSize = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  fs.writeFileSync(file, Buffer.concat([...locals, ...central, end]));
}

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const REL_NS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

/** The parts every workbook needs around its one sheet (and shared strings, when given). */
export function workbookParts(sheet: ZipPart, sharedStrings?: ZipPart): ZipPart[] {
  const rel = (id: string, type: string, target: string) =>
    `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}" Target="${target}"/>`;
  return [
    part(
      '[Content_Types].xml',
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="xml" ContentType="application/xml"/></Types>',
    ),
    part(
      '_rels/.rels',
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        rel('rId1', 'officeDocument', 'xl/workbook.xml') +
        '</Relationships>',
    ),
    part(
      'xl/workbook.xml',
      `<?xml version="1.0" encoding="UTF-8"?><workbook ${NS} ${REL_NS}><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
    part(
      'xl/_rels/workbook.xml.rels',
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        rel('rId1', 'worksheet', 'worksheets/sheet1.xml') +
        (sharedStrings ? rel('rId2', 'sharedStrings', 'sharedStrings.xml') : '') +
        '</Relationships>',
    ),
    // The sheet before the shared strings: the order that made exceljs spool the whole sheet to disk.
    sheet,
    ...(sharedStrings ? [sharedStrings] : []),
  ];
}

const HEADER_ROW =
  '<row r="1"><c r="A1" t="inlineStr"><is><t>creditCode</t></is></c><c r="B1" t="inlineStr"><is><t>name</t></is></c></row>';
const SHEET_HEAD = `<?xml version="1.0" encoding="UTF-8"?><worksheet ${NS}><sheetData>`;
const SHEET_TAIL = '</sheetData></worksheet>';

/** A valid header row, then `<row/>` repeated until the sheet is about `bytes` long. */
export function blankRowBomb(file: string, bytes: number, opts: { declaredSize?: number } = {}): number {
  const block = '<row/>'.repeat(174_763); // ~1 MB
  const times = Math.ceil(bytes / block.length);
  const sheet = repeatedPart('xl/worksheets/sheet1.xml', SHEET_HEAD + HEADER_ROW, block, times, SHEET_TAIL);
  if (opts.declaredSize !== undefined) sheet.declaredSize = opts.declaredSize;
  writeZip(file, workbookParts(sheet));
  return sheet.size;
}

/** A sheet with a header of shared strings and a shared-strings part of `bytes` of tiny strings. */
export function sharedStringsBomb(file: string, bytes: number, opts: { declaredSize?: number } = {}): number {
  const head = `<?xml version="1.0" encoding="UTF-8"?><sst ${NS}>` + '<si><t>creditCode</t></si><si><t>name</t></si>';
  const block = '<si><t>x</t></si>'.repeat(61_681); // ~1 MB
  const strings = repeatedPart('xl/sharedStrings.xml', head, block, Math.ceil(bytes / block.length), '</sst>');
  if (opts.declaredSize !== undefined) strings.declaredSize = opts.declaredSize;
  const sheet = part(
    'xl/worksheets/sheet1.xml',
    SHEET_HEAD + '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>' + SHEET_TAIL,
  );
  writeZip(file, workbookParts(sheet, strings));
  return strings.size;
}

/** A header and `rows` tenant rows, the sheet XML cut in the middle of row `cutInRow` (a sheet row number). */
export function truncatedSheet(file: string, rows: { creditCode: string; name: string }[], cutInRow: number): void {
  const cells = (r: number, a: string, b: string) =>
    `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>${a}</t></is></c><c r="B${r}" t="inlineStr"><is><t>${b}</t></is></c></row>`;
  const body = rows.map((t, i) => cells(i + 2, t.creditCode, t.name)).join('');
  const xml = SHEET_HEAD + cells(1, 'creditCode', 'name') + body + SHEET_TAIL;
  const start = xml.indexOf(`<row r="${cutInRow}"`);
  const cut = xml.slice(0, start + Math.floor(cells(cutInRow, 'x', 'y').length / 2));
  writeZip(file, workbookParts(part('xl/worksheets/sheet1.xml', cut)));
}
