import { csvCell } from './csv-table-writer';
import { neutralizeFormula } from './formula-guard';

describe(neutralizeFormula.name, () => {
  it.each(['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx', '=HYPERLINK("http://evil.example")'])(
    'prefixes an apostrophe to %j',
    (text) => {
      expect(neutralizeFormula(text)).toBe(`'${text}`);
    },
  );

  it.each(['深圳精测仪器有限公司', '91440300MA5F000108', "'already", ''])('leaves %j as it is', (text) => {
    expect(neutralizeFormula(text)).toBe(text);
  });

  it('neutralises before quoting in CSV, and leaves numbers alone', () => {
    expect(csvCell('=A1,B1')).toBe(`"'=A1,B1"`);
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(null)).toBe('');
  });
});
