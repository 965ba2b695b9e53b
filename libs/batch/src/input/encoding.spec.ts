import * as iconv from 'iconv-lite';
import { detectEncoding, trimIncompleteTail } from './encoding';

describe(detectEncoding.name, () => {
  const zh = '统一社会信用代码,企业名称\r\n91440300MA5F000108,深圳精测仪器有限公司\r\n';

  it('takes a UTF-8 BOM as UTF-8 and skips it', () => {
    expect(detectEncoding(Buffer.from(`\uFEFF${zh}`), true)).toEqual({ encoding: 'utf-8', bomLength: 3 });
  });

  it('reads valid UTF-8 without a BOM as UTF-8', () => {
    expect(detectEncoding(Buffer.from(zh), true)).toEqual({ encoding: 'utf-8', bomLength: 0 });
  });

  it('recognises GB18030 (what Chinese Excel writes) by its invalid UTF-8', () => {
    expect(detectEncoding(iconv.encode(zh, 'gb18030'), true).encoding).toBe('gb18030');
  });

  it('recognises UTF-16 by its BOM', () => {
    expect(detectEncoding(Buffer.from([0xff, 0xfe, 0x31, 0x00]), true)).toEqual({ encoding: 'utf-16le', bomLength: 2 });
  });

  it('is not fooled by a UTF-8 character cut off at the end of the sample', () => {
    const bytes = Buffer.from(zh);
    const cut = bytes.subarray(0, bytes.indexOf(Buffer.from('深')) + 2);
    expect(detectEncoding(cut, false).encoding).toBe('utf-8');
    expect(trimIncompleteTail(cut).length).toBe(cut.length - 2);
  });

  it('reads plain ASCII as UTF-8', () => {
    expect(detectEncoding(Buffer.from('creditCode,name\n'), true).encoding).toBe('utf-8');
  });
});
