import { LocalizedText } from '../types';
import { parseNumberText } from './number-text';
import { CITY_LABELS } from './profile-enums';
import { FieldSpec, PROFILE_FIELDS, ProfileField } from './profile-fields';

/**
 * Text as a person writes it — a web form box or a batch file cell — turned into the value the API takes as
 * JSON. The one lenient reader: the form and the batch reader both call it, so "1000万", "１２３", "是" and
 * "深圳市" mean the same wherever they are typed. JSON bodies are not read through here: the API takes them
 * as they are. It never guesses: text it cannot read comes back as text, and checkFieldValue then refuses it
 * with the same message everywhere. A blank text is `undefined`, i.e. unknown.
 */
export type TextReader = (text: string) => unknown;

const TRUE = new Set(['是', 'true', '1', 'y', 'yes', '√', 't']);
const FALSE = new Set(['否', 'false', '0', 'n', 'no', '×', 'f']);
const LIST_SEPARATOR = /[;；]/;

const readers = new WeakMap<FieldSpec, TextReader>();

/** The reader for one field (built once per field and kept). */
export function textReaderFor(spec: FieldSpec): TextReader {
  let reader = readers.get(spec);
  if (!reader) readers.set(spec, (reader = buildReader(spec)));
  return reader;
}

/** `readFieldText('revenue', '1000万')` → 10000000; an unknown field's text is returned trimmed. */
export function readFieldText(field: string, text: string): unknown {
  if (!Object.prototype.hasOwnProperty.call(PROFILE_FIELDS, field)) return blankToUndefined(text.trim());
  return textReaderFor(PROFILE_FIELDS[field as ProfileField])(text);
}

function buildReader(spec: FieldSpec): TextReader {
  switch (spec.type) {
    case 'creditCode':
      // Codes are printed in capitals; a lower-case copy is the same code.
      return (text) => blankToUndefined(text.trim().toUpperCase());
    case 'string':
      return (text) => blankToUndefined(text.trim());
    case 'integer':
      return (text) => parseNumberText(text);
    case 'number':
      return (text) => parseNumberText(text, { amount: true });
    case 'boolean':
      return readBoolean;
    case 'enum': {
      const lookup = enumLookup(spec);
      return (text) => {
        const t = text.trim();
        return t === '' ? undefined : lookupEnum(lookup, t);
      };
    }
    case 'enumArray': {
      const lookup = enumLookup(spec);
      return (text) => {
        if (text.trim() === '') return undefined;
        const out: string[] = [];
        const parts = text.indexOf(';') < 0 && text.indexOf('；') < 0 ? [text] : text.split(LIST_SEPARATOR);
        for (const part of parts) {
          const p = part.trim();
          if (p !== '') out.push(lookupEnum(lookup, p));
        }
        return out;
      };
    }
  }
}

function blankToUndefined(s: string): string | undefined {
  return s === '' ? undefined : s;
}

function readBoolean(text: string): unknown {
  const s = text.trim().toLowerCase();
  if (s === '') return undefined;
  if (TRUE.has(s)) return true;
  if (FALSE.has(s)) return false;
  return text.trim();
}

/** Every spelling of an enum value that a person might write: the id, the Chinese and English labels. */
function enumLookup(spec: { values: readonly string[]; labels: Record<string, LocalizedText> }): Map<string, string> {
  const lookup = new Map<string, string>();
  for (const id of spec.values) {
    const label = spec.labels[id];
    for (const spelling of [id, label.zh, label.en]) {
      lookup.set(spelling, id); // exact spellings first: no normalising on the common path
      lookup.set(normalize(spelling), id);
    }
    // 深圳市 as well as 深圳
    if (label === (CITY_LABELS as Record<string, LocalizedText>)[id] && id !== 'outside-guangdong')
      lookup.set(normalize(`${label.zh}市`), id);
  }
  return lookup;
}

/** Full-width → half-width, no spaces, lower case; curly quotes as straight ones (专精特新"小巨人"). */
function normalize(s: string): string {
  return s.normalize('NFKC').replace(/\s+/g, '').replace(/[“”]/g, '"').toLowerCase();
}

/** The id for a spelling, or the text itself (which the checker then refuses as not in the list). */
function lookupEnum(lookup: Map<string, string>, text: string): string {
  return lookup.get(text) ?? lookup.get(normalize(text)) ?? text;
}
