import { creditCodeCheckChar, hasValidCreditCodeCheckDigit, isCreditCodeShape } from './credit-code';

describe('unified social credit code (GB 32100-2015)', () => {
  // Published codes with correct check characters.
  it.each(['91350100M000100Y43', '91110000600037341L', '914403001922038216'])(
    'accepts the check character of %s',
    (code) => {
      expect(isCreditCodeShape(code)).toBe(true);
      expect(hasValidCreditCodeCheckDigit(code)).toBe(true);
    },
  );

  it('computes the check character from the first 17 characters', () => {
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
  });

  it('detects a changed character through the check character', () => {
    expect(hasValidCreditCodeCheckDigit('91350100M000100Y44')).toBe(false);
    expect(hasValidCreditCodeCheckDigit('91350100M000101Y43')).toBe(false);
  });

  it.each([
    ['too short', '91350100M000100Y4'],
    ['too long', '91350100M000100Y433'],
    ['lower case', '91350100m000100Y43'],
    ['letter I, not in the alphabet', '91350100I000100Y43'],
    ['letter O', '91350100O000100Y43'],
    ['letter Z', '91350100Z000100Y43'],
    ['letter S', '91350100S000100Y43'],
    ['letter V', '91350100V000100Y43'],
  ])('rejects the shape of a code that is %s', (_, code) => {
    expect(isCreditCodeShape(code)).toBe(false);
  });
});
