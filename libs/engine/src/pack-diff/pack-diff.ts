import { canonicalJson } from '../rules/rule-pack-loader';
import { Lang, Measure, PolicyDocument, RulePack } from '../types';
import { words } from './condition-diff';
import { periodInWords } from './condition-words';
import { diffMeasure } from './measure-diff';
import { ChangeInWords, DocumentChange, MeasureRef, PackDiff } from './pack-diff.types';

const ref = (m: Measure, lang: Lang): MeasureRef => ({ measureId: m.id, title: m.title[lang], nature: m.nature });

/**
 * Measures added, removed and changed from pack `a` to pack `b`, each change in words ("研发投入强度 ≥ 6% → ≥ 5%"),
 * and the documents whose dates, status or text changed (they decide whether a measure is in force).
 */
export function diffPacks(a: RulePack, b: RulePack, lang: Lang = 'zh'): PackDiff {
  const before = new Map(a.measures.map((m) => [m.id, m]));
  const after = new Map(b.measures.map((m) => [m.id, m]));
  const changed = b.measures.flatMap((m) => {
    const old = before.get(m.id);
    if (!old || canonicalJson(old) === canonicalJson(m)) return [];
    return [{ ...ref(m, lang), changes: diffMeasure(old, m, lang) }];
  });
  return {
    from: a.version,
    to: b.version,
    added: b.measures.filter((m) => !before.has(m.id)).map((m) => ref(m, lang)),
    removed: a.measures.filter((m) => !after.has(m.id)).map((m) => ref(m, lang)),
    changed,
    unchanged: b.measures.filter((m) => before.has(m.id)).length - changed.length,
    documents: diffDocuments(a.documents, b.documents, lang),
  };
}

function diffDocuments(a: PolicyDocument[], b: PolicyDocument[], lang: Lang): DocumentChange[] {
  const before = new Map(a.map((d) => [d.id, d]));
  const after = new Map(b.map((d) => [d.id, d]));
  const title = (d: PolicyDocument) => (lang === 'zh' ? d.title : d.titleEn);
  const out: DocumentChange[] = [];
  for (const d of b) {
    const old = before.get(d.id);
    if (!old) out.push({ documentId: d.id, title: title(d), change: 'added', changes: [] });
    else {
      const changes = documentChanges(old, d, lang);
      if (changes.length > 0) out.push({ documentId: d.id, title: title(d), change: 'changed', changes });
    }
  }
  for (const d of a)
    if (!after.has(d.id)) out.push({ documentId: d.id, title: title(d), change: 'removed', changes: [] });
  return out;
}

function documentChanges(a: PolicyDocument, b: PolicyDocument, lang: Lang): ChangeInWords[] {
  const out: ChangeInWords[] = [];
  if (canonicalJson(a.period) !== canonicalJson(b.period)) {
    out.push(
      words(
        'document',
        lang,
        `文件执行期 ${periodInWords(a.period, 'zh')} → ${periodInWords(b.period, 'zh')}`,
        `Document period ${periodInWords(a.period, 'en')} → ${periodInWords(b.period, 'en')}`,
        a.period,
        b.period,
      ),
    );
  }
  if (a.status !== b.status)
    out.push(
      words(
        'document',
        lang,
        `文件状态：${a.status} → ${b.status}`,
        `Document status: ${a.status} → ${b.status}`,
        a.status,
        b.status,
      ),
    );
  if (canonicalJson(a.supersededBy) !== canonicalJson(b.supersededBy)) {
    const s = b.supersededBy;
    out.push(
      words(
        'document',
        lang,
        s ? `已被 ${s.number}（${s.issueDate}）替代` : '不再标注为被替代',
        s ? `Replaced by ${s.number} (${s.issueDate})` : 'No longer marked as replaced',
        a.supersededBy,
        b.supersededBy,
      ),
    );
  }
  for (const k of ['title', 'titleEn', 'number', 'issuers', 'issueDate', 'text'] as const) {
    if (canonicalJson(a[k]) !== canonicalJson(b[k]))
      out.push(words('document', lang, `文件的 ${k} 已修改`, `Document ${k} changed`));
  }
  return out;
}
