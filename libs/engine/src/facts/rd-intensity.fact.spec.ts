import { rdIntensity } from './rd-intensity.fact';

describe(rdIntensity.name, () => {
  it('divides R&D expense by revenue', () => {
    expect(rdIntensity({ rdExpense: 10_000_000, revenue: 200_000_000 })).toBe(0.05);
  });
  it('is unknown when R&D expense is unknown', () => {
    expect(rdIntensity({ revenue: 200_000_000 })).toBeUndefined();
  });
  it('is unknown when revenue is unknown', () => {
    expect(rdIntensity({ rdExpense: 1 })).toBeUndefined();
  });
  it('is unknown, not infinite, when revenue is zero', () => {
    expect(rdIntensity({ rdExpense: 1, revenue: 0 })).toBeUndefined();
  });
  it('is zero when nothing is spent on R&D', () => {
    expect(rdIntensity({ rdExpense: 0, revenue: 5 })).toBe(0);
  });
});
