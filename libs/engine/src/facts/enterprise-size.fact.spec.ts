import { enterpriseSize } from './enterprise-size.fact';

const WAN = 10_000;

describe(enterpriseSize.name, () => {
  it.each([
    [1000, 40_000 * WAN, 'large'],
    [999, 40_000 * WAN, 'medium'],
    [1000, 40_000 * WAN - 1, 'medium'],
    [300, 2_000 * WAN, 'medium'],
    [299, 2_000 * WAN, 'small'],
    [300, 2_000 * WAN - 1, 'small'],
    [20, 300 * WAN, 'small'],
    [19, 300 * WAN, 'micro'],
    [20, 300 * WAN - 1, 'micro'],
    [5000, 0, 'micro'],
  ])(
    '%i employees and %i yuan revenue is %s (工信部联企业〔2011〕300号, both thresholds must be met)',
    (employees, revenue, size) => {
      expect(enterpriseSize({ employees, revenue })).toBe(size);
    },
  );
  it('is unknown when employees are unknown', () => {
    expect(enterpriseSize({ revenue: 1e9 })).toBeUndefined();
  });
  it('is unknown when revenue is unknown', () => {
    expect(enterpriseSize({ employees: 5000 })).toBeUndefined();
  });
});
