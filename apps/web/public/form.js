/**
 * The profile form: one control per CONTRACT §1 field, `name` = the field name. Single choices are
 * <select>s whose option values are the ids; multi-value fields are checkboxes (`name` = field, `value` = id)
 * plus a "none of these" box (`name="none:<field>"`) that sends []. An untouched group or an empty box
 * is left out of the profile: unknown, never zero.
 */
import { h, setChildren } from './dom.js';
import { getLang, L, t } from './i18n.js';
import { FORM_FIELDS, FORM_GROUPS } from './schema.js';
import { formatYuan, toWan } from './format.js';
// The engine's own profile module (libs/engine/src/profile, bundled by scripts/build-web.js): the API and the
// batch reader run the same field checker, messages and text reader ("1000万", "１２３", "1,234").
import {
  EMERGING_CLUSTERS,
  PILLAR_CLUSTERS,
  PROFILE_FIELDS,
  profileWarnings,
  readFieldText,
  validateProfile,
} from './engine/profile.js';

const isMoney = (spec) => spec.type === 'number' && spec.unit?.zh === '元';
const controlId = (field) => `f-${field}`;

/** Builds the form's fields into `form` (the <form> element already in the page). */
export function renderFields(form) {
  const host = form.querySelector('[data-fields]');
  setChildren(
    host,
    FORM_GROUPS.map((g) =>
      h(
        'fieldset',
        { class: 'group', id: `group-${g.id}` },
        h('legend', { class: 'group-title' }, L(g.label)),
        g.fields.map((field) => renderField(field, PROFILE_FIELDS[field])),
      ),
    ),
  );
  for (const field of FORM_FIELDS) {
    if (isMoney(PROFILE_FIELDS[field])) updateWanHelper(form, field);
  }
}

function renderField(field, spec) {
  if (spec.type === 'enumArray') return renderCheckboxGroup(field, spec);
  const describedBy = `h-${field} e-${field}${isMoney(spec) ? ` w-${field}` : ''}`;
  const common = { id: controlId(field), name: field, 'aria-describedby': describedBy };
  return h(
    'div',
    { class: `field field-${spec.type}`, id: `field-${field}`, 'data-field': field },
    h(
      'label',
      { for: controlId(field), class: 'label' },
      L(spec.label),
      spec.unit ? h('span', { class: 'unit' }, ` ${t('unitLabel')}${t('colon')}${L(spec.unit)}`) : null,
    ),
    h('p', { class: 'hint', id: `h-${field}` }, L(spec.hint), isMoney(spec) ? `。${t('amountTip')}` : null),
    h(
      'div',
      { class: 'control-row' },
      renderControl(field, spec, common),
      spec.unit ? h('span', { class: 'suffix', 'aria-hidden': 'true' }, spec.unit.zh) : null,
    ),
    isMoney(spec) ? h('output', { class: 'wan', id: `w-${field}`, for: controlId(field) }) : null,
    h('p', { class: 'error', id: `e-${field}`, hidden: true }),
  );
}

function renderControl(field, spec, common) {
  switch (spec.type) {
    case 'enum':
      return h(
        'select',
        common,
        h('option', { value: '' }, t('notGiven')),
        spec.values.map((v) => h('option', { value: v }, L(spec.labels[v]))),
      );
    case 'boolean':
      return h(
        'select',
        common,
        h('option', { value: '' }, t('notGiven')),
        h('option', { value: 'true' }, t('yes')),
        h('option', { value: 'false' }, t('no')),
      );
    case 'integer':
    case 'number': {
      const lastYear = new Date().getFullYear() - 1;
      return h('input', {
        ...common,
        type: 'text',
        inputmode: spec.type === 'integer' ? 'numeric' : 'decimal',
        autocomplete: 'off',
        placeholder: field === 'fiscalYear' ? t('fiscalYearDefault', { year: lastYear }) : null,
      });
    }
    case 'creditCode':
      return h('input', {
        ...common,
        type: 'text',
        autocomplete: 'off',
        spellcheck: 'false',
        autocapitalize: 'characters',
        class: 'mono',
      });
    default:
      return h('input', { ...common, type: 'text', autocomplete: field === 'name' ? 'organization' : 'off' });
  }
}

function renderCheckboxGroup(field, spec) {
  const box = (v) =>
    h(
      'label',
      { class: 'check' },
      h('input', { type: 'checkbox', name: field, value: v, id: `${controlId(field)}-${v}` }),
      ' ',
      L(spec.labels[v]),
    );
  const grid = (values) => h('div', { class: 'checks' }, values.map(box));
  const body =
    field === 'clusters'
      ? [
          h('p', { class: 'subgroup' }, t('pillarClusters')),
          grid(PILLAR_CLUSTERS),
          h('p', { class: 'subgroup' }, t('emergingClusters')),
          grid(EMERGING_CLUSTERS),
        ]
      : [grid(spec.values)];
  return h(
    'fieldset',
    {
      class: 'field field-multi',
      id: `field-${field}`,
      'data-field': field,
      'aria-describedby': `h-${field} e-${field}`,
    },
    h('legend', { class: 'label', id: controlId(field) }, L(spec.label)),
    h('p', { class: 'hint', id: `h-${field}` }, L(spec.hint)),
    body,
    h(
      'div',
      { class: 'checks none' },
      h(
        'label',
        { class: 'check' },
        h('input', { type: 'checkbox', name: `none:${field}`, value: 'none', id: `${controlId(field)}-none` }),
        ' ',
        t('noneOfThese'),
      ),
    ),
    h('p', { class: 'error', id: `e-${field}`, hidden: true }),
  );
}

/** Keeps "none of these" and the real choices mutually exclusive; refreshes the 万元 helper. */
export function onFieldInput(form, target) {
  if (!target?.name) return;
  if (target.type === 'checkbox') {
    const [prefix, rest] = target.name.split(':');
    if (rest && target.checked)
      form.querySelectorAll(`input[name="${rest}"]`).forEach((c) => {
        c.checked = false;
      });
    if (!rest && target.checked) {
      const none = form.querySelector(`input[name="none:${prefix}"]`);
      if (none) none.checked = false;
    }
  }
  if (FORM_FIELDS.includes(target.name) && isMoney(PROFILE_FIELDS[target.name])) updateWanHelper(form, target.name);
}

function updateWanHelper(form, field) {
  const out = form.querySelector(`#w-${field}`);
  const typed = String(form.elements[field].value).trim();
  const value = readFieldText(field, typed);
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    out.textContent = '';
    return;
  }
  if (!/^\d+(\.\d*)?$/.test(typed)) {
    // "1000万" was typed: show the yuan amount that will be sent.
    out.textContent = `= ${formatYuan(value)}`;
    return;
  }
  out.textContent = t('wanHelper', {
    wan: toWan(value),
    millions: (value / 1e6).toLocaleString('en-US', { maximumFractionDigits: 4 }),
  });
}

/** The profile as the form says it; a box holding text that is not a number yields that text (then flagged). */
export function readProfile(form) {
  const profile = {};
  for (const field of FORM_FIELDS) {
    const value = readField(form, field, PROFILE_FIELDS[field]);
    if (value !== undefined) profile[field] = value;
  }
  return profile;
}

function readField(form, field, spec) {
  if (spec.type === 'enumArray') {
    const checked = [...form.querySelectorAll(`input[name="${field}"]:checked`)].map((c) => c.value);
    if (checked.length > 0) return checked;
    return form.querySelector(`input[name="none:${field}"]`)?.checked ? [] : undefined;
  }
  const raw = String(form.elements[field].value ?? '');
  if (raw.trim() === '') return undefined;
  switch (spec.type) {
    case 'boolean':
      return raw === 'true';
    case 'enum':
      return raw;
    default:
      return readFieldText(field, raw); // a text box: the engine's reader, as for a batch file's cell
  }
}

/** Puts a saved profile back into the form (used after a language switch re-renders the fields). */
export function writeProfile(form, snapshot) {
  for (const [name, values] of Object.entries(snapshot)) {
    const controls = form.querySelectorAll(`[name="${CSS.escape(name)}"]`);
    controls.forEach((c) => {
      if (c.type === 'checkbox') c.checked = values.includes(c.value);
      else c.value = values[0] ?? '';
    });
  }
  for (const field of FORM_FIELDS) if (isMoney(PROFILE_FIELDS[field])) updateWanHelper(form, field);
}

/** Raw control values by name, to survive a re-render. */
export function snapshot(form) {
  const out = {};
  for (const el of form.elements) {
    if (!el.name) continue;
    if (el.type === 'checkbox') {
      out[el.name] ??= [];
      if (el.checked) out[el.name].push(el.value);
    } else out[el.name] = [el.value];
  }
  return out;
}

/** Client-side check of the whole form with the engine's validator: `{ profile, errors, warnings }`, in the server's words. */
export function checkForm(form) {
  const profile = readProfile(form);
  return { profile, errors: validateProfile(profile, getLang()).errors, warnings: profileWarnings(profile, getLang()) };
}

/** Checks one field as the person leaves it; an empty field is fine. */
export function checkField(form, field) {
  if (!FORM_FIELDS.includes(field)) return;
  const value = readField(form, field, PROFILE_FIELDS[field]);
  const profile = value === undefined ? {} : { [field]: value };
  const errors = validateProfile(profile, getLang()).errors;
  setFieldError(form, field, errors[field]?.[0] ?? null);
  // Warnings may weigh one field against another (R&D above revenue): judged on the whole form, shown on their field.
  const warnings = profileWarnings(readProfile(form), getLang());
  const warning = warnings.find((w) => w.field === field);
  if (!errors[field] && warning) setFieldError(form, field, warning.message, 'warning');
  for (const other of RELATED[field] ?? []) {
    const w = warnings.find((x) => x.field === other);
    const el = form.querySelector(`#e-${other}`);
    if (w) setFieldError(form, other, w.message, 'warning');
    else if (el?.classList.contains('warning')) setFieldError(form, other, null);
  }
}

/** Fields whose warning depends on another field's value. */
const RELATED = { revenue: ['rdExpense'], rdExpense: [] };

/** Shows (or clears) the message beside one field. `kind` 'warning' does not mark the field invalid. */
export function setFieldError(form, field, message, kind = 'error') {
  const el = form.querySelector(`#e-${CSS.escape(field)}`);
  if (!el) return false;
  el.textContent = message ?? '';
  el.hidden = !message;
  el.classList.toggle('warning', kind === 'warning');
  const invalid = Boolean(message) && kind === 'error';
  form.querySelector(`#field-${CSS.escape(field)}`)?.classList.toggle('has-error', invalid);
  form.querySelectorAll(`[name="${CSS.escape(field)}"]`).forEach((c) => {
    if (invalid) c.setAttribute('aria-invalid', 'true');
    else c.removeAttribute('aria-invalid');
  });
  return true;
}

export function clearErrors(form) {
  for (const field of FORM_FIELDS) setFieldError(form, field, null);
}

/** Moves the cursor to a field (the first box of a checkbox group) and makes it stand out briefly. */
export function focusField(form, field) {
  const wrapper = form.querySelector(`#field-${CSS.escape(field)}`);
  const control = form.querySelector(`[name="${CSS.escape(field)}"]`);
  if (!wrapper || !control) return false;
  wrapper.scrollIntoView({ block: 'center' });
  control.focus({ preventScroll: true });
  wrapper.classList.remove('flash');
  void wrapper.offsetWidth; // restart the animation
  wrapper.classList.add('flash');
  return true;
}
