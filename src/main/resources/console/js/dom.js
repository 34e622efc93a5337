// Elements are built with textContent only: nothing that came from the API is ever parsed as HTML.
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value == null || value === false) continue;
    if (name.startsWith('on')) el.addEventListener(name.slice(2), value);
    else if (name === 'class') el.className = value;
    else el.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child == null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** A table with a header row; {@code rows} are arrays of cells or ready <tr> elements. */
export function table(headers, rows, empty) {
  if (!rows.length && empty) return h('p', { class: 'muted' }, empty);
  return h('table', {}, h('thead', {}, h('tr', {}, headers.map((x) => h('th', {}, x)))),
    h('tbody', {}, rows.map((r) => (r instanceof Node ? r : h('tr', {}, r.map((c) => h('td', {}, c)))))));
}

export function progress(value) {
  const p = Math.max(0, Math.min(100, Number(value) || 0));
  const bar = h('span');
  bar.style.width = p + '%'; // through the CSSOM: the page's CSP forbids inline style attributes
  return h('span', { class: 'progress-wrap' }, h('span', { class: 'progress', 'data-progress': p.toFixed(1) }, bar),
    ' ' + p.toFixed(0) + '%');
}

export function stateLabel(state, text) {
  return h('span', { class: 'state state-' + state, 'data-state': state }, text);
}

export function replace(container, ...children) {
  container.replaceChildren(...children.flat().filter((c) => c != null));
}
