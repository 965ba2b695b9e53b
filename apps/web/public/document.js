/**
 * "查看原文": the policy document's full text with the measure's quoted clause highlighted in context.
 * The offsets come from the server (GET /api/documents/:id), which locates every quote, whitespace aside,
 * and refuses to start if one is missing.
 */
import { h, setChildren } from './dom.js';
import { getLang, t } from './i18n.js';
import { formatDate } from './format.js';

/** Where the measure's clauses stand in the text (only those quoted on its card, when given). */
export function passagesFor(doc, measureId, quotes = []) {
  return doc.citations
    .filter((c) => c.measureId === measureId && (quotes.length === 0 || quotes.includes(c.quote)))
    .map(({ start, end, quote, section }) => ({ start, end, quote, section }))
    .sort((a, b) => a.start - b.start);
}

const STATUS = {
  'in-force': 'docStatusInForce',
  draft: 'docStatusDraft',
  expired: 'docStatusExpired',
  superseded: 'docStatusSuperseded',
};

/** The body's [start, end) in the verbatim text: the metadata's `body` range, else the whole text. */
export function bodyRange(doc) {
  return doc.body ?? { start: 0, end: doc.text.length };
}

/**
 * Fills `host` with the document; returns the first highlighted <mark> (to scroll to), or null.
 * `measureTitle` names the measure in the callout; `onBack` returns to the results.
 */
export function renderDocument(host, doc, { measureId, quotes, measureTitle, onBack }) {
  const passages = passagesFor(doc, measureId, quotes);
  const period = doc.period
    ? doc.period.to
      ? `${formatDate(doc.period.from)} — ${formatDate(doc.period.to)}`
      : `${formatDate(doc.period.from)} —`
    : '';
  const range = bodyRange(doc);
  const body = h(
    'div',
    { class: 'doc-text', lang: 'zh', 'data-start': range.start, 'data-end': range.end },
    textWithMarks(doc.text, passages, range),
  );
  setChildren(
    host,
    h('p', {}, h('button', { type: 'button', class: 'link-button back', onclick: onBack }, t('docBack'))),
    h('h2', { id: 'doc-heading', tabindex: '-1', lang: 'zh' }, doc.title),
    getLang() === 'en' && doc.titleEn ? h('p', { class: 'doc-title-en', lang: 'en' }, doc.titleEn) : null,
    h(
      'dl',
      { class: 'facts doc-meta' },
      h('dt', {}, t('docNumber')),
      h('dd', {}, doc.number ?? t('docNumberNone')),
      h('dt', {}, t('docIssuers')),
      h('dd', { lang: 'zh' }, doc.issuers.join('、')),
      doc.issueDate ? [h('dt', {}, t('docIssueDate')), h('dd', {}, formatDate(doc.issueDate))] : null,
      h('dt', {}, t('period')),
      h('dd', {}, period),
      h('dt', {}, t('docStatus')),
      h(
        'dd',
        { class: 'doc-status' },
        h('span', { class: `badge doc-${doc.status}` }, t(STATUS[doc.status] ?? 'docStatusInForce')),
        doc.asOf ? h('span', { class: 'doc-as-of' }, ` ${t('docAsOf', { asOf: doc.asOf })}`) : null,
      ),
      doc.supersededBy
        ? [
            h('dt', {}, t('docSupersededBy')),
            h(
              'dd',
              { class: 'doc-successor', lang: 'zh' },
              [doc.supersededBy.title, doc.supersededBy.number, formatDate(doc.supersededBy.issueDate)]
                .filter(Boolean)
                .join(' · '),
            ),
          ]
        : null,
    ),
    t('docOriginalNote') ? h('p', { class: 'hint' }, t('docOriginalNote')) : null,
    doc.body ? h('p', { class: 'hint doc-body-note' }, t('docBodyNote')) : null,
    passages.length > 0
      ? h(
          'div',
          { class: 'doc-callout' },
          h('p', { class: 'sub' }, t('docCitedFor', { title: measureTitle ?? measureId })),
          passages.map((p, i) =>
            h(
              'div',
              { class: 'callout-item' },
              p.section ? h('p', { class: 'doc-section', lang: 'zh' }, p.section) : null,
              h('blockquote', { class: 'quote', lang: 'zh' }, `“${p.quote}”`),
              h(
                'a',
                {
                  href: `#quote-${i}`,
                  class: 'jump-quote',
                  onclick: (e) => {
                    e.preventDefault();
                    scrollToMark(host.querySelector(`#quote-${i}`));
                  },
                },
                t('docJump'),
              ),
            ),
          ),
        )
      : measureId
        ? h('p', { class: 'notice' }, t('docQuoteNotFound'))
        : null,
    h('h3', {}, t('docTextHeading')),
    body,
  );
  return host.querySelector('mark');
}

/** The body of `text` with the cited passages marked; offsets stay those of the verbatim text. */
function textWithMarks(text, passages, range) {
  const parts = [];
  let at = range.start;
  passages.forEach((p, i) => {
    if (p.start < at || p.end > range.end) return; // overlapping citations: the first one wins
    parts.push(text.slice(at, p.start));
    parts.push(h('mark', { id: `quote-${i}`, class: 'cited', tabindex: '-1' }, text.slice(p.start, p.end)));
    at = p.end;
  });
  parts.push(text.slice(at, range.end));
  // Seed texts start and end with blank lines; offsets stay untouched, only the ends are trimmed.
  if (typeof parts[0] === 'string') parts[0] = parts[0].trimStart();
  if (typeof parts[parts.length - 1] === 'string') parts[parts.length - 1] = parts[parts.length - 1].trimEnd();
  return parts;
}

export function scrollToMark(mark) {
  if (!mark) return;
  mark.scrollIntoView({ block: 'center' });
  mark.focus({ preventScroll: true });
}
