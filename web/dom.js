// SPDX-License-Identifier: GPL-3.0-or-later
// dom.js - building the page from data without HTML strings.
//
// Everything the UI shows comes from the API and may hold any text a
// record, a report or a user typed. Elements are therefore built with
// h(), which sets text with textContent and attributes one by one: no
// string is ever parsed as HTML, so no datum can become markup or script
// (the server's Content-Security-Policy forbids inline script as a second
// line of defence). No HTML is ever assigned as a string anywhere in the
// UI (tests/unit/test_http_static.c checks).

/**
 * h('a', {href: '#/x', class: 'btn'}, 'text', child, [more], null)
 * Attributes: `class`, `for`, any attribute name (false/null skip it,
 * true sets it empty), `on<event>` for listeners, `dataset` an object.
 * Children: strings, numbers, nodes, arrays of them; null/false skipped.
 */
export function h(tag, attrs, ...children) {
	const el = document.createElement(tag);
	for (const [k, v] of Object.entries(attrs || {})) {
		if (v === null || v === undefined || v === false) continue;
		if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
		else if (k === 'dataset') Object.assign(el.dataset, v);
		else if (k === 'value' && 'value' in el) el.value = v;
		else if (k === 'checked' || k === 'selected') el[k] = Boolean(v);
		else el.setAttribute(k, v === true ? '' : String(v));
	}
	append(el, children);
	return el;
}

/** Appends children as h() takes them. */
export function append(el, children) {
	for (const c of children.flat(Infinity)) {
		if (c === null || c === undefined || c === false) continue;
		el.append(c instanceof Node ? c : document.createTextNode(String(c)));
	}
	return el;
}

/** Replaces the contents of `el` with `children`. */
export function fill(el, ...children) {
	el.replaceChildren();
	return append(el, children);
}

/** A status line while something loads (announced politely). */
export function loading(what) {
	return h('p', { class: 'state loading', role: 'status' }, `Loading ${what}…`);
}

/** What shows when a list is empty: says so plainly. */
export function empty(text) {
	return h('p', { class: 'state empty' }, text);
}

/** An error box for an Error or ApiError (announced at once). */
export function errorBox(err, what) {
	const msg = err && err.message ? err.message : String(err);
	return h('div', { class: 'state error', role: 'alert' },
		h('strong', {}, what ? `Could not load ${what}: ` : 'Error: '), msg,
		err && err.code ? h('span', { class: 'muted' }, ` (${err.code})`) : null);
}

/** The answer of `request` (a promise from api.js), or null once `main`
 *  says why there is none: `notFound` for a 404 (no such row, or one the
 *  user may not see: the API answers both alike), an error box otherwise. */
export async function loadOrExplain(main, request, notFound) {
	try {
		return await request;
	} catch (err) {
		main.append(err.status === 404 ? empty(notFound) : errorBox(err));
		return null;
	}
}

/** A section that loads on its own: shows loading, then fills itself
 *  with render(data), or an error box. Returns the section at once. */
export function asyncSection(title, what, load, render, attrs) {
	const body = h('div', { class: 'section-body', 'aria-live': 'polite' }, loading(what));
	const id = `s-${what.replace(/[^a-z0-9]+/gi, '-')}`;
	const sec = h('section', Object.assign({ class: 'card', 'aria-labelledby': id }, attrs || {}),
		h('h2', { id }, title), body);
	Promise.resolve().then(load).then((data) => fill(body, render(data)))
		.catch((err) => fill(body, errorBox(err, what)));
	return sec;
}

/** A table from column titles and rows (arrays of cells). */
export function table(caption, heads, rows, attrs) {
	return h('table', attrs || {},
		caption ? h('caption', {}, caption) : null,
		h('thead', {}, h('tr', {}, heads.map((t) => h('th', { scope: 'col' }, t)))),
		h('tbody', {}, rows.map((r) => h('tr', {}, r.map((c) => h('td', {}, c))))));
}

/** A labelled form field: label, control, hint and an error slot that
 *  the control's aria-describedby names. */
export function field(label, control, hint) {
	const id = control.id || (control.id = `f-${control.name || Math.random().toString(36).slice(2)}`);
	const err = h('p', { class: 'field-error', id: `${id}-error`, hidden: true });
	const hintEl = hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null;
	control.setAttribute('aria-describedby', [hintEl ? hintEl.id : null, err.id].filter(Boolean).join(' '));
	return h('div', { class: 'field', dataset: { field: control.name || '' } },
		h('label', { for: id }, label), hintEl, control, err);
}

/** Shows `message` as the error of the field whose control is named
 *  `name` inside `form`; returns whether such a field exists. */
export function fieldError(form, name, message) {
	message = withoutFieldName(name, message);
	const controls = form.querySelectorAll(`[name="${CSS.escape(name)}"]`);
	if (!controls.length) return false;
	const box = controls[0].closest('[data-field]');
	const err = box ? box.querySelector('.field-error') : null;
	for (const c of controls) c.setAttribute('aria-invalid', 'true');
	if (err) {
		err.textContent = message;
		err.hidden = false;
	}
	controls[0].focus();
	return true;
}

/** The library starts a message with the words of its field
 *  ("handling conditions: must name ..."); under that field they are
 *  said already by the label. */
function withoutFieldName(name, message) {
	let m = String(message);
	for (;;) {
		const i = m.indexOf(': ');
		if (i < 0 || m.slice(0, i).toLowerCase().replace(/[ -]/g, '_') !== name) break;
		m = m.slice(i + 2);
	}
	return m ? m[0].toUpperCase() + m.slice(1) : String(message);
}

/** Clears every field error of `form`. */
export function clearErrors(form) {
	for (const c of form.querySelectorAll('[aria-invalid]')) c.removeAttribute('aria-invalid');
	for (const e of form.querySelectorAll('.field-error')) {
		e.textContent = '';
		e.hidden = true;
	}
}

/** Select options from [value, text] pairs; `chosen` is selected. */
export function options(pairs, chosen) {
	return pairs.map(([v, t]) => h('option', { value: v, selected: String(v) === String(chosen) }, t));
}

/** A badge for a risk tier (text, not colour alone). */
export function tierBadge(tier) {
	const t = tier || 'none';
	return h('span', { class: `badge tier-${t}` }, t === 'none' ? 'no tier' : `${t} risk`);
}

/** The label that travels with a row: classification and handling. */
export function labelText(o) {
	let s = `${o.classification || '?'} · ${o.handling_code || '?'}`;
	if (o.handling_code === 'C' && o.handling_conditions) s += ` (${o.handling_conditions.split(',').join(', ')})`;
	if (o.compartments) s += ` · compartments ${o.compartments}`;
	return s;
}

/** "agency X holds further information" lines from API flags. */
export function flagList(flags) {
	if (!flags || !flags.length) return null;
	return h('ul', { class: 'flags' }, flags.map((f) => h('li', {},
		h('strong', {}, f.agency_name || f.agency), ` (${f.agency}) holds further information`,
		f.contact ? ` — contact ${f.contact}` : '')));
}

/** Starts a download of `blob` as `name`. */
export function download(blob, name) {
	const url = URL.createObjectURL(blob);
	const a = h('a', { href: url, download: name, hidden: true });
	document.body.append(a);
	a.click();
	a.remove();
	setTimeout(() => URL.revokeObjectURL(url), 10000);
}
