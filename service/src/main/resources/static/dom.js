// Small helpers shared by the views: build elements without innerHTML (every text from the service is data,
// never markup), fetch JSON, and say how old a timestamp is.
'use strict';

window.TorchplanDom = (function () {

  function el(tag, attributes, ...children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name === 'text') element.textContent = value;
      else if (name.startsWith('on')) element.addEventListener(name.substring(2), value);
      else element.setAttribute(name, value === true ? '' : value);
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      element.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return element;
  }

  /** A table with a caption, header cells and rows of cells (text or elements). */
  function table(caption, headers, rows, className) {
    return el('div', { class: 'table-wrap' },
      el('table', { class: className || null },
        el('caption', { text: caption }),
        el('thead', {}, el('tr', {}, headers.map(header => el('th', { scope: 'col', text: header })))),
        el('tbody', {}, rows.map(row => el('tr', {}, row.map((cell, index) =>
          index === 0 ? el('th', { scope: 'row' }, cell) : el('td', {}, cell)))))));
  }

  async function json(path, options) {
    const response = await fetch(path, Object.assign({ headers: { Accept: 'application/json' } }, options || {}));
    let body = null;
    try {
      body = await response.json();
    } catch (notJson) {
      body = null;
    }
    return { status: response.status, ok: response.ok, body: body };
  }

  /** "3 hours ago", "194 days ago": how old an ISO instant is, for people. */
  function age(instant) {
    if (!instant) return 'unknown';
    const seconds = Math.max(0, (Date.now() - Date.parse(instant)) / 1000);
    const units = [['day', 86400], ['hour', 3600], ['minute', 60]];
    for (const [unit, size] of units) {
      if (seconds >= size) {
        const count = Math.floor(seconds / size);
        return count + ' ' + unit + (count === 1 ? '' : 's') + ' ago';
      }
    }
    return 'just now';
  }

  return { el: el, table: table, json: json, age: age };
})();
