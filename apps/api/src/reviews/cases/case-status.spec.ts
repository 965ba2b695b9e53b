import { caseStatusOf } from './case-status';

describe(caseStatusOf.name, () => {
  const at = (h: number) => `2026-11-26T${String(h).padStart(2, '0')}:00:00.000Z`;

  it('is pending while a measure waits for its first decision', () => {
    expect(
      caseStatusOf(
        [
          { state: 'pending', decidedAt: null },
          { state: 'confirmed', decidedAt: at(1) },
        ],
        null,
      ),
    ).toBe('pending');
  });

  it('waits for the company after a needs-info, even with other measures undecided', () => {
    expect(
      caseStatusOf(
        [
          { state: 'pending', decidedAt: null },
          { state: 'needs-info', decidedAt: at(2) },
        ],
        null,
      ),
    ).toBe('needs-info');
  });

  it('returns to the caseworker once the company updated after the needs-info', () => {
    expect(caseStatusOf([{ state: 'needs-info', decidedAt: at(2) }], at(3))).toBe('pending');
    expect(caseStatusOf([{ state: 'needs-info', decidedAt: at(4) }], at(3))).toBe('needs-info');
  });

  it('is decided when every measure is confirmed, rejected or paid', () => {
    expect(
      caseStatusOf(
        [
          { state: 'paid', decidedAt: at(5) },
          { state: 'rejected', decidedAt: at(4) },
        ],
        at(3),
      ),
    ).toBe('decided');
  });
});
