import { t } from './i18n.js';

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

// ApiError is a failed API call: status is the HTTP status (0 when the
// server could not be reached), message is said in the UI's language.
export class ApiError extends Error {
  constructor(status, message) { super(message); this.status = status; }
}

// Retries is how many times api makes a request again that a busy server
// answered with 503 and Retry-After.
export const Retries = 3;

// waiting counts the API calls waiting to retry, shown in #status.
let waiting = 0;
function busyStatus(delta, secs) {
  waiting += delta;
  const el = document.getElementById('status');
  if (!el) return;
  el.hidden = waiting === 0;
  el.textContent = waiting ? t('busyRetry').replace('{n}', secs) : '';
}

// api fetches a route of the JSON API. A server busy with other queries
// answers 503 with Retry-After: the request is made again after that many
// seconds (1 to 5), at most Retries times, while #status says so. It
// throws an ApiError whose message is in the UI's language for a busy
// server, a timed-out query or an unreachable server, and the server's
// message for the rest.
export async function api(path, params = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== '' && v != null) q.set(k, v);
  const url = path + (q.toString() ? '?' + q : '');
  let r;
  for (let attempt = 0; ; attempt++) {
    try {
      r = await fetch(url);
    } catch {
      throw new ApiError(0, t('offline'));
    }
    if (r.status !== 503 || !r.headers.has('Retry-After') || attempt >= Retries) break;
    const secs = Math.min(5, Math.max(1, Number(r.headers.get('Retry-After')) || 1));
    busyStatus(+1, secs);
    try {
      await new Promise((ok) => setTimeout(ok, secs * 1000));
    } finally {
      busyStatus(-1, secs);
    }
  }
  let body = null;
  try { body = await r.json(); } catch { /* not JSON: a proxy's page, a cut answer */ }
  if (r.status === 503) throw new ApiError(503, t('busy'));
  if (r.status === 504) throw new ApiError(504, t('timeout'));
  if (!r.ok || body == null) throw new ApiError(r.status, (body && body.error) || `HTTP ${r.status} ${r.statusText}`);
  return body;
}

// failure is the alert shown for a failed call, with a button that makes
// it again.
export function failure(err, again) {
  return h('div', { class: 'error', role: 'alert' },
    h('p', {}, `${t('error')}: ${err.message}`),
    again && h('button', { type: 'button', class: 'retry', onclick: again }, t('retry')));
}

export function actorLabel(a) {
  if (!a) return '—';
  return (a.code || a.country || '?') + (a.text ? ' «' + a.text + '»' : '');
}

// pair is "source → target", each actor isolated so that an Arabic name
// next to a Latin code cannot reorder the line, and the arrow pointing the
// way the line reads (← in Arabic).
export function pair(src, tgt) {
  return [h('bdi', {}, actorLabel(src)), ` ${t('arrow')} `, h('bdi', {}, actorLabel(tgt))];
}

export const quadColor = ['#2f7d32', '#66bb6a', '#ef8a62', '#c62828'];
