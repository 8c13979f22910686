// DOM helpers. Text always goes in as text nodes, never as markup, so
// nothing in an article can run.
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c == null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

export const svgNS = 'http://www.w3.org/2000/svg';

export function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(svgNS, tag);
  for (const [k, v] of Object.entries(attrs)) if (v != null) el.setAttribute(k, v);
  for (const c of children.flat()) if (c != null) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

// api fetches a route of the JSON API. A server busy with other queries
// answers 503 with Retry-After: the request is made once more after that
// many seconds (at most 5).
export async function api(path, params = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== '' && v != null) q.set(k, v);
  const url = path + (q.toString() ? '?' + q : '');
  let r = await fetch(url);
  if (r.status === 503 && r.headers.has('Retry-After')) {
    const secs = Math.min(5, Math.max(0, Number(r.headers.get('Retry-After')) || 1));
    await new Promise((ok) => setTimeout(ok, secs * 1000));
    r = await fetch(url);
  }
  const body = await r.json();
  if (!r.ok) throw new Error(body.error || r.statusText);
  return body;
}

export function actorLabel(a) {
  if (!a) return '—';
  return (a.code || a.country || '?') + (a.text ? ' «' + a.text + '»' : '');
}

export const quadColor = ['#2f7d32', '#66bb6a', '#ef8a62', '#c62828'];
