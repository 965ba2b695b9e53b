import { neutralizeFormula } from './decisions-export';

describe('neutralizeFormula', () => {
  it.each(['=1+1', '+1', '-1', '@SUM(A1)', '\t=x', '\r=x'])('prefixes %j so a spreadsheet shows it as text', (cell) => {
    expect(neutralizeFormula(cell)).toBe(`'${cell}`);
  });

  it.each(['材料齐全', 'ok = fine', '', null, 42])('leaves %j alone', (cell) => {
    expect(neutralizeFormula(cell)).toBe(cell);
  });
});
