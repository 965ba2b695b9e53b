import { inGuangdong } from './in-guangdong.fact';

describe(inGuangdong.name, () => {
  it('is true for a Guangdong city', () => {
    expect(inGuangdong({ city: 'shenzhen' })).toBe(true);
    expect(inGuangdong({ city: 'yunfu' })).toBe(true);
  });
  it('is false outside Guangdong', () => {
    expect(inGuangdong({ city: 'outside-guangdong' })).toBe(false);
  });
  it('is unknown when the city is unknown', () => {
    expect(inGuangdong({})).toBeUndefined();
  });
});
