import { BatchFileError } from '../batch-file-error';
import { mapHeaders } from './header-map';

describe(mapHeaders.name, () => {
  it('maps the Chinese headers of CONTRACT §4 and the field names onto fields', () => {
    const sut = mapHeaders(['统一社会信用代码', 'name', '所在城市', '营业收入', 'rdExpense', '已上市']);
    expect(sut.fields).toEqual(['creditCode', 'name', 'city', 'revenue', 'rdExpense', 'listed']);
  });

  it('forgives a BOM, spaces, full-width brackets and letter case', () => {
    expect(mapHeaders(['\uFEFF 统一社会信用代码 ', 'RevEnue', '注册地（地级市）']).fields).toEqual([
      'creditCode',
      'revenue',
      'city',
    ]);
  });

  it('stops the whole file on unknown headers, naming every one of them', () => {
    try {
      mapHeaders(['企业名称', '注册资本', '法人代表']);
      throw new Error('no error');
    } catch (e) {
      expect(e).toBeInstanceOf(BatchFileError);
      expect((e as BatchFileError).code).toBe('unknown-headers');
      expect((e as BatchFileError).details).toEqual(['注册资本', '法人代表']);
      expect((e as BatchFileError).describe('zh')).toContain('注册资本、法人代表');
    }
  });

  it('refuses a field named twice, since either value could be meant', () => {
    expect(() => mapHeaders(['营业收入', 'revenue'])).toThrow(/revenue/);
  });

  it('skips empty header cells and the annotation columns of our own rejected-rows file', () => {
    const sut = mapHeaders(['原行号', '错误原因', '企业名称', '']);
    expect(sut.fields).toEqual([null, null, 'name', null]);
    expect(sut.annotations).toEqual([true, true, false, false]);
  });
});
