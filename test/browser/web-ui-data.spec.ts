import { MEASURE_KINDS, PROFILE_FIELD_NAMES } from '@app/engine';
import { runInWebModule } from './support/web-modules';

/**
 * apps/web/public/schema.js holds only what the page adds to the engine (layout, kind labels); the field table,
 * validator and messages come from the engine bundle itself (/engine/profile.js), so there is nothing to drift.
 */
describe('web page UI data (apps/web/public/schema.js, i18n.js)', () => {
  interface UiData {
    KIND_LABELS: Record<string, { zh: string; en: string }>;
    FORM_GROUPS: { id: string; label: { zh: string; en: string }; fields: string[] }[];
  }
  let sut: UiData;
  beforeAll(() => {
    sut = runInWebModule<UiData>('schema.js', 'return { KIND_LABELS: m.KIND_LABELS, FORM_GROUPS: m.FORM_GROUPS };');
  });

  it('has a Chinese and an English label for every measure kind', () => {
    expect(Object.keys(sut.KIND_LABELS).sort()).toEqual([...MEASURE_KINDS].sort());
    for (const label of Object.values(sut.KIND_LABELS)) {
      expect(label.zh).toMatch(/\S/);
      expect(label.en).toMatch(/\S/);
    }
  });

  it('places only profile fields, each at most once, in the four groups a company recognises', () => {
    const placed = sut.FORM_GROUPS.flatMap((g) => g.fields);
    expect(placed.filter((f) => !(PROFILE_FIELD_NAMES as string[]).includes(f))).toEqual([]);
    expect(new Set(placed).size).toBe(placed.length);
    expect(sut.FORM_GROUPS.map((g) => g.label.zh)).toEqual([
      '基本信息',
      '财务数据',
      '资质与研发机构',
      '正在开展或计划的事项',
    ]);
  });

  it('has every page string in both Chinese and English', () => {
    const strings = runInWebModule<Record<'zh' | 'en', Record<string, string>>>('i18n.js', 'return m.UI_STRINGS;');
    expect(Object.keys(strings.en).sort()).toEqual(Object.keys(strings.zh).sort());
    const empty = (lang: 'zh' | 'en') =>
      Object.entries(strings[lang])
        .filter(([k, v]) => !v && k !== 'docOriginalNote')
        .map(([k]) => k);
    expect(empty('zh')).toEqual([]);
    expect(empty('en')).toEqual([]);
  });
});
