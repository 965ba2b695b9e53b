import type { ImpactReport, StatusName } from '@app/batch';
import type { Lang, PackDiff } from '@app/engine';

const STATUS: Record<StatusName, [string, string]> = {
  eligible: ['符合', 'eligible'],
  ineligible: ['不符合', 'ineligible'],
  needs_info: ['需补充信息', 'needs info'],
  near_miss: ['接近符合', 'near miss'],
  absent: ['（已关闭）', '(switched off)'],
};

export const statusWord = (s: StatusName, lang: Lang) => STATUS[s][lang === 'zh' ? 0 : 1];

export function yuan(amount: number, lang: Lang): string {
  const sign = amount > 0 ? '+' : amount < 0 ? '−' : '';
  const abs = Math.abs(amount);
  return lang === 'zh'
    ? `${sign}${(abs / 10_000).toLocaleString('zh-CN', { maximumFractionDigits: 2 })} 万元/年`
    : `${sign}${abs.toLocaleString('en-US', { maximumFractionDigits: 0 })} yuan a year`;
}

/** The pack diff in words: added, removed and changed measures, each change on its own line. */
export function diffLines(d: PackDiff, lang: Lang): string[] {
  const zh = lang === 'zh';
  const out = [zh ? `规则包 ${d.from} → ${d.to}` : `rule pack ${d.from} → ${d.to}`];
  const head = (zhText: string, enText: string, n: number) => out.push(`${zh ? zhText : enText} (${n})`);
  if (d.added.length) head('新增措施', 'measures added', d.added.length);
  for (const m of d.added) out.push(`  + ${m.measureId}  ${m.title}`);
  if (d.removed.length) head('删除（关闭）措施', 'measures removed (switched off)', d.removed.length);
  for (const m of d.removed) out.push(`  − ${m.measureId}  ${m.title}`);
  if (d.changed.length) head('修改措施', 'measures changed', d.changed.length);
  for (const m of d.changed) out.push(`  ~ ${m.measureId}  ${m.title}`, ...m.changes.map((c) => `      · ${c.text}`));
  for (const doc of d.documents)
    out.push(
      `  ${zh ? '文件' : 'document'} ${doc.documentId} (${doc.change})`,
      ...doc.changes.map((c) => `      · ${c.text}`),
    );
  if (!d.added.length && !d.removed.length && !d.changed.length && !d.documents.length)
    out.push(zh ? '  两个规则包内容相同' : '  the packs are the same');
  out.push(zh ? `未改动的措施 ${d.unchanged} 项` : `${d.unchanged} measures unchanged`);
  return out;
}

/** The totals of an impact report and its measures, as a person reads them on a terminal. */
export function impactLines(r: ImpactReport, lang: Lang, titles: ReadonlyMap<string, string>): string[] {
  const zh = lang === 'zh';
  const n = (x: number) => x.toLocaleString(zh ? 'zh-CN' : 'en-US');
  const out = [
    zh
      ? `按 ${r.asOf} 判断有效性：企业 ${n(r.population.tenants)} 家（未通过校验 ${n(r.population.rejected)} 行）`
      : `Validity judged at ${r.asOf}: ${n(r.population.tenants)} tenants (${n(r.population.rejected)} rows rejected)`,
    zh
      ? `获益 ${n(r.gained)} 家，受损 ${n(r.lost)} 家，新增接近符合 ${n(r.newNearMisses)} 家；估算金额变化 ${yuan(r.valueChange, lang)}`
      : `${n(r.gained)} gain, ${n(r.lost)} lose, ${n(r.newNearMisses)} with a new near miss; estimated value ${yuan(r.valueChange, lang)}`,
  ];
  if (r.byMeasure.length)
    out.push(
      zh
        ? '按措施（新符合 / 不再符合 / 新增接近符合 / 估算金额变化）：'
        : 'By measure (gained / lost / new near misses / value change):',
    );
  for (const m of r.byMeasure)
    out.push(
      `  ${m.measureId}  ${titles.get(m.measureId) ?? m.title}: ${m.gained} / ${m.lost} / ${m.newNearMisses} / ${yuan(m.valueChange, lang)}`,
    );
  return out;
}
