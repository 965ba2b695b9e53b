import {
  DERIVED_FACTS, EMERGING_CLUSTERS, ENTERPRISE_SIZE_LABELS, MEASURE_KINDS, PILLAR_CLUSTERS, PROFILE_FIELDS, PROFILE_FIELD_NAMES,
} from '@app/engine';
import { runInWebModule } from './support/web-modules';

/** apps/web/public/schema.js is a hand-kept copy of the engine's field table; these specs keep it honest. */
interface WebSchema {
  PROFILE_FIELDS: Record<string, unknown>;
  PROFILE_FIELD_NAMES: string[];
  DERIVED_FACTS: Record<string, { valueType: string; inputs: string[]; label: unknown; values?: string[] }>;
  KIND_LABELS: Record<string, { zh: string; en: string }>;
  FORM_GROUPS: { id: string; label: { zh: string; en: string }; fields: string[] }[];
  PILLAR_CLUSTERS: string[];
  EMERGING_CLUSTERS: string[];
  ENTERPRISE_SIZE_LABELS: unknown;
}

const json = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

describe('web form schema (apps/web/public/schema.js)', () => {
  let sut: WebSchema;
  beforeAll(() => {
    sut = runInWebModule<WebSchema>('schema.js', 'return { ...m };');
  });

  it('has every profile field of the engine, in the same order', () => {
    expect(sut.PROFILE_FIELD_NAMES).toEqual(PROFILE_FIELD_NAMES);
  });

  it.each(PROFILE_FIELD_NAMES)('describes %s exactly as libs/engine does (type, limits, labels, unit, hint, enum ids and labels)', (field) => {
    expect(sut.PROFILE_FIELDS[field]).toEqual(json(PROFILE_FIELDS[field]));
  });

  it('labels the derived facts the conditions name, as the engine does', () => {
    const engine = Object.fromEntries(DERIVED_FACTS.map((f) => [f.name, json({ valueType: f.valueType, inputs: f.inputs, label: f.label, values: f.values })]));
    const web = Object.fromEntries(Object.entries(sut.DERIVED_FACTS).map(([name, f]) => [name, json({ valueType: f.valueType, inputs: f.inputs, label: f.label, values: f.values })]));
    expect(web).toEqual(engine);
    expect(sut.ENTERPRISE_SIZE_LABELS).toEqual(json(ENTERPRISE_SIZE_LABELS));
  });

  it('has a Chinese and an English label for every measure kind', () => {
    expect(Object.keys(sut.KIND_LABELS).sort()).toEqual([...MEASURE_KINDS].sort());
    for (const label of Object.values(sut.KIND_LABELS)) {
      expect(label.zh).toMatch(/\S/);
      expect(label.en).toMatch(/\S/);
    }
  });

  it('splits the clusters into pillar and emerging as 粤府函〔2020〕82号 does', () => {
    expect(sut.PILLAR_CLUSTERS).toEqual(PILLAR_CLUSTERS);
    expect(sut.EMERGING_CLUSTERS).toEqual(EMERGING_CLUSTERS);
  });

  it('puts every profile field in exactly one form group, and the groups are the four a company recognises', () => {
    const placed = sut.FORM_GROUPS.flatMap((g) => g.fields);
    expect([...placed].sort()).toEqual([...PROFILE_FIELD_NAMES].sort());
    expect(new Set(placed).size).toBe(placed.length);
    expect(sut.FORM_GROUPS.map((g) => g.label.zh)).toEqual(['基本信息', '财务数据', '资质与研发机构', '正在开展或计划的事项']);
  });
});
