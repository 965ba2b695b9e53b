/** How numbers, amounts and fact values read on the page. */
import { factSpec } from './schema.js';
import { getLang, L, t } from './i18n.js';

const group = (n, digits = 2) => n.toLocaleString('en-US', { maximumFractionDigits: digits });

/** 万元 with up to 4 decimals: 2000000 → "200", 12345 → "1.2345". */
export function toWan(amount) {
  return group(amount / 10_000, 4);
}

/** zh: "200,000,000 元（20,000 万元）"; en: "200,000,000 yuan". */
export function formatYuan(amount) {
  if (getLang() === 'en') return `${group(amount)} yuan`;
  const yuan = `${group(amount)} 元`;
  return Math.abs(amount) >= 10_000 ? `${yuan}（${toWan(amount)} 万元）` : yuan;
}

/** An estimate as a person reads it: zh "¥150 万元" (¥8,000 元 under 10,000), en "¥1,500,000". */
export function formatEstimate(amount) {
  if (getLang() === 'en') return `¥${group(Math.round(amount), 0)}`;
  return amount >= 10_000 ? `¥${group(amount / 10_000, 2)} 万元` : `¥${group(amount, 0)} 元`;
}

/** 0.05 → "5%", 0.0523 → "5.23%". */
export function formatPercent(ratio) {
  return `${Math.round(ratio * 1e6) / 1e4}%`;
}

const isMoney = (spec) => spec?.unit?.zh === '元';

/** A condition's actual (or required) value in words, labelled by the fact it belongs to. */
export function formatFactValue(fact, value) {
  if (value === null || value === undefined) return t('notFilled');
  const spec = factSpec(fact);
  if (fact === 'rdIntensity' && typeof value === 'number') return formatPercent(value);
  if (fact === 'fiscalYear') return String(value); // a year, not a quantity: 2025, never 2,025
  if (typeof value === 'boolean') return value ? t('yes') : t('no');
  if (typeof value === 'number') {
    if (isMoney(spec)) return formatYuan(value);
    const unit = spec?.unit ? ` ${L(spec.unit)}` : '';
    return `${group(value, 4)}${unit}`;
  }
  const label = (v) => (spec?.labels?.[v] ? L(spec.labels[v]) : String(v));
  if (Array.isArray(value))
    return value.length === 0
      ? getLang() === 'zh'
        ? '无'
        : 'none'
      : value.map(label).join(getLang() === 'zh' ? '、' : ', ');
  return label(value);
}

/** The label of a profile field or derived fact. */
export function factLabel(fact) {
  const spec = factSpec(fact);
  return spec ? L(spec.label) : fact;
}

export function formatDate(iso) {
  if (!iso) return '';
  return iso.slice(0, 10);
}

export function formatDateTime(iso) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
