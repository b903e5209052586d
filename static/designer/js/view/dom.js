// Building DOM without markup strings: every piece of text goes in as a text node, so user
// text (labels, names, server messages) can never become markup.

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'text') el.textContent = String(value);
    else if (key === 'class') el.className = value;
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'value' || key === 'checked') el[key] = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

export function clear(el) {
  el.replaceChildren();
  return el;
}

// The static prefix the page was rendered with (`/static/`).
export function staticUrl(path) {
  return `${document.body.dataset.staticUrl || '/static/'}${path}`;
}

// Each type's icon as the catalogue sends it (inline, so a page makes no request per
// icon); the static file until the catalogue has come.
const icons = new Map();

export function rememberIcons(nodeTypes) {
  for (const spec of nodeTypes) if (spec.icon) icons.set(spec.type, spec.icon);
}

export function iconUrl(type) {
  return icons.get(type) || staticUrl(`designer/icons/${type}.svg`);
}
