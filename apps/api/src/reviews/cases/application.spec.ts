import { applicationErrors } from './application';

describe(applicationErrors.name, () => {
  const ok = { measureIds: ['k895-high-tech-preferential-rate'], contact: { name: '张经理', phone: '13800138000' } };

  it('accepts a name with a mobile number, a landline or an email', () => {
    expect(applicationErrors(ok, 'en')).toEqual({});
    expect(applicationErrors({ ...ok, contact: { name: '张', phone: '020-12345678' } }, 'en')).toEqual({});
    expect(applicationErrors({ ...ok, contact: { name: '张', email: 'zhang@example.com.cn' } }, 'en')).toEqual({});
  });

  it('names each bad contact field and asks for a phone or an email', () => {
    expect(
      Object.keys(applicationErrors({ ...ok, contact: { name: '', phone: '123', email: 'x@' } }, 'en')).sort(),
    ).toEqual(['application.contact.email', 'application.contact.name', 'application.contact.phone']);
    expect(Object.keys(applicationErrors({ ...ok, contact: { name: '张' } }, 'en'))).toEqual(['application.contact']);
  });

  it('refuses control characters, unknown keys, repeated and missing measures', () => {
    const errors = applicationErrors(
      { measureIds: ['a', 'a'], contact: { name: 'a\u0000b', email: 'a\u0000b@example.com', fax: '1' }, extra: 1 },
      'en',
    );
    expect(Object.keys(errors).sort()).toEqual([
      'application.contact.email',
      'application.contact.fax',
      'application.contact.name',
      'application.extra',
      'application.measureIds[1]',
    ]);
    expect(Object.keys(applicationErrors({ contact: ok.contact }, 'en'))).toEqual(['application.measureIds']);
    expect(Object.keys(applicationErrors('yes', 'en'))).toEqual(['application']);
  });
});
