import { h, s, api, actorLabel, pair, failure, quadColor } from './dom.js';
import { t, nEvents } from './i18n.js';

// filterForm is the shared actor/other/code/period form; onApply gets the values.
function filterForm(fields, values, onApply) {
  const inputs = {};
  const form = h('form', { class: 'filters', onsubmit: (e) => { e.preventDefault(); onApply(read()); } });
  for (const f of fields) {
    const inp = h('input', { name: f, id: 'f-' + f, value: values[f] || '', type: f === 'from' || f === 'to' ? 'date' : 'text', placeholder: t(f) });
    inputs[f] = inp;
    form.append(h('label', {}, h('span', {}, t(f)), inp));
  }
  form.append(h('button', { type: 'submit' }, t('apply')));
  const read = () => Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, v.value.trim()]));
  return form;
}

function setHash(view, params) {
  const q = new URLSearchParams(Object.entries(params).filter(([, v]) => v));
  location.hash = '#/' + view + (q.toString() ? '?' + q : '');
}

export function eventRow(e) {
  return h('li', {},
    h('span', { class: 'badge q' + e.quad }, e.cameo), ' ',
    ...pair(e.source, e.target), ' · ', h('bdi', { class: 'nowrap' }, e.plover.category), e.day ? [' · ', h('bdi', { class: 'nowrap' }, e.day)] : null, ' ',
    h('a', { href: '#/article/' + encodeURIComponent(e.article_id) }, t('article')));
}

export async function searchPage(app, params) {
  const q = params.get('q') || '';
  const input = h('input', { id: 'q', type: 'search', value: q, placeholder: t('search'), 'aria-label': t('search') });
  const form = h('form', { class: 'search', onsubmit: (e) => { e.preventDefault(); setHash('', { q: input.value.trim() }); } },
    input, h('button', { type: 'submit', id: 'go' }, t('go')));
  const vals = Object.fromEntries(['actor', 'cameo', 'from', 'to'].map((k) => [k, params.get(k) || '']));
  const filters = filterForm(['actor', 'cameo', 'from', 'to'], vals, (v) => setHash('', { q, ...v }));
  const results = h('section', { id: 'results' });
  app.replaceChildren(form, filters, results);
  if (q) {
    const hits = (await api('/api/articles', { q, from: vals.from, to: vals.to, limit: 50 })).items;
    results.append(h('h2', {}, `${t('results')}: ${hits.length}`));
    results.append(hits.length ? h('ol', { class: 'hits' }, hits.map((x) => h('li', {},
      h('a', { href: '#/article/' + encodeURIComponent(x.article_id), class: 'hit', dir: 'auto' }, x.title || x.article_id),
      h('div', { class: 'meta' }, h('bdi', {}, x.outlet), ' · ', h('bdi', {}, x.published), ' · ', nEvents(x.events)),
      h('p', { class: 'snippet', dir: 'auto' }, x.snippet)))) : h('p', {}, t('noResults')));
  }
  const evs = (await api('/api/events', { ...vals, limit: 30 })).items;
  const exp = new URLSearchParams(Object.entries({ ...vals, format: 'csv' }).filter(([, v]) => v));
  results.append(h('h2', {}, t('latest'), ' ', h('a', { href: '/api/export?' + exp, class: 'export' }, t('export'))),
    h('ul', { class: 'events' }, evs.map(eventRow)));
}

// edgeKey names an edge in the URL (#/network?edge=LBYMIL~SYRGOV).
const edgeKey = (e) => e.source + '~' + e.target;

// networkPage draws the actor network. The selected edge is kept in the
// URL (edge=), so that it and its events outlive a re-render: the language
// toggle, new filters (while the edge is still in the network), a reload.
export async function networkPage(app, params) {
  const vals = Object.fromEntries(['actor', 'cameo', 'from', 'to'].map((k) => [k, params.get(k) || '']));
  let chosen = params.get('edge') || '';
  const form = filterForm(['actor', 'cameo', 'from', 'to'], vals, (v) => setHash('network', { ...v, edge: chosen }));
  const box = h('div', { id: 'cy', class: 'graph' });
  const side = h('aside', { id: 'edge-events', class: 'evidence', 'aria-live': 'polite' }, t('selectEdge'));
  const list = h('ul', { id: 'edges', class: 'edges' });
  app.replaceChildren(form, h('div', { class: 'article' }, box, side), h('h2', {}, t('edges')), list);
  const [{ default: cytoscape }, net] = await Promise.all([import('cytoscape'), api('/api/network', { ...vals, limit: 150 })]);
  const byKey = new Map(net.edges.map((e) => [edgeKey(e), e]));
  let cy = null;
  const remember = () => {
    const q = new URLSearchParams(Object.entries({ ...vals, edge: chosen }).filter(([, v]) => v));
    history.replaceState(null, '', '#/network' + (q.toString() ? '?' + q : ''));
  };
  const mark = () => {
    for (const li of list.children) {
      const on = li.dataset.key === chosen;
      li.classList.toggle('chosen', on);
      li.querySelector('button').setAttribute('aria-pressed', on ? 'true' : 'false');
    }
    if (cy) {
      cy.edges().removeClass('chosen');
      if (chosen) cy.edges().filter((x) => x.data('key') === chosen).addClass('chosen');
    }
    window.marsadGraph = { nodes: net.nodes.length, edges: net.edges.length, chosen };
  };
  let asked = 0; // the latest edge asked for: an older answer is dropped
  const showEdge = async (e) => {
    chosen = edgeKey(e);
    remember();
    mark();
    const mine = ++asked;
    const head = h('h3', {}, t('edgeEvents'), ': ', ...pair({ code: e.source }, { code: e.target }));
    const sums = h('p', {}, `${e.cooperation} ${t('cooperation')} · ${e.conflict} ${t('conflict')} · ${t('goldstein')} ${e.mean_goldstein.toFixed(1)}`);
    side.replaceChildren(head, sums, h('p', { class: 'loading' }, t('loading')));
    delete side.dataset.ready;
    try {
      const evs = (await api('/api/events', { ...vals, actor: e.source, side: 'source', other: e.target, limit: 100 })).items;
      if (mine !== asked) return;
      side.replaceChildren(head, sums, h('ul', { class: 'events' }, evs.filter((x) => x.target && x.target.code === e.target).map(eventRow)));
      side.dataset.ready = chosen;
    } catch (err) {
      if (mine !== asked) return;
      side.replaceChildren(head, sums, failure(err, () => showEdge(e)));
      side.dataset.ready = 'error';
    }
  };
  const colour = (e) => (e.cooperation >= e.conflict ? '#2f7d32' : '#c62828');
  list.append(...net.edges.map((e) => h('li', { 'data-source': e.source, 'data-target': e.target, 'data-key': edgeKey(e), class: e.cooperation >= e.conflict ? 'coop' : 'conf' },
    h('button', { type: 'button', 'aria-pressed': 'false', onclick: () => showEdge(e) }, ...pair({ code: e.source }, { code: e.target })),
    ' ', h('bdi', { dir: 'ltr' }, `${e.events} (${e.cooperation} / ${e.conflict})`))));
  cy = cytoscape({
    container: box,
    elements: [
      ...net.nodes.map((n) => ({ data: { id: n.id, label: n.id, size: 14 + Math.min(30, n.events * 2) } })),
      ...net.edges.map((e, i) => ({ data: { id: 'e' + i, key: edgeKey(e), source: e.source, target: e.target, colour: colour(e), width: 1 + Math.min(8, e.events), edge: e } })),
    ],
    style: [
      { selector: 'node', style: { label: 'data(label)', width: 'data(size)', height: 'data(size)', 'background-color': '#37474f', 'font-size': 10, color: '#111' } },
      { selector: 'edge', style: { width: 'data(width)', 'line-color': 'data(colour)', 'target-arrow-color': 'data(colour)', 'target-arrow-shape': 'triangle', 'curve-style': 'bezier', opacity: 0.8 } },
      { selector: 'edge.chosen', style: { opacity: 1, 'underlay-color': '#ffb300', 'underlay-opacity': 0.9, 'underlay-padding': 4, 'z-index': 10 } },
    ],
    layout: { name: 'cose', animate: false, randomize: false, nodeRepulsion: () => 8000 },
    wheelSensitivity: 0.3,
    autounselectify: true,
  });
  cy.on('tap', 'edge', (ev) => showEdge(ev.target.data('edge')));
  if (chosen && byKey.has(chosen)) {
    showEdge(byKey.get(chosen));
  } else {
    if (chosen) { chosen = ''; remember(); }
    mark();
  }
}

// niceStep is the step of an axis from 0 to max in about n steps: 1, 2 or
// 5 times a power of ten, at least 1 (counts are whole).
export function niceStep(max, n) {
  const raw = Math.max(1, max) / n;
  const p = 10 ** Math.floor(Math.log10(raw));
  const m = [1, 2, 5, 10].find((k) => k * p >= raw);
  return Math.max(1, m * p);
}

// fillMonths puts the months with no event between the first and the
// last, so that the x axis is a time scale (at most 600 months).
function fillMonths(items) {
  if (items.length < 2) return items;
  const key = (y, m) => `${y}-${String(m).padStart(2, '0')}-01`;
  const have = new Map(items.map((b) => [b.period, b]));
  const out = [];
  let [y, m] = items[0].period.split('-').map(Number);
  const last = items[items.length - 1].period;
  while (out.length <= 600) {
    const k = key(y, m);
    out.push(have.get(k) || { period: k, quad: [0, 0, 0, 0], total: 0, mean_goldstein: null });
    if (k >= last) return out;
    if (++m > 12) { m = 1; y++; }
  }
  return items;
}

// drawTimeline draws the stacked QuadClass bars of items (one a month) at
// the chart's width, one SVG unit a CSS pixel, so that the labels keep
// their size on a phone: a count axis on the left, the mean Goldstein
// axis (−10 to +10) on the right, time left to right in both languages.
function drawTimeline(chart, items) {
  const W = Math.max(280, Math.round(chart.clientWidth));
  const H = W < 600 ? 260 : 320;
  const M = { top: 36, right: 40, bottom: 36, left: 44 };
  const pw = W - M.left - M.right, ph = H - M.top - M.bottom;
  const max = Math.max(1, ...items.map((b) => b.total));
  const step = niceStep(max, ph < 220 ? 4 : 5);
  const top = Math.ceil(max / step) * step;
  const yc = (v) => M.top + ph - (v / top) * ph;
  const yg = (g) => M.top + ph / 2 - (g / 10) * (ph / 2);
  const bw = pw / Math.max(1, items.length);
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: 'img', 'aria-label': `${t('nav.timeline')}: ${t('countAxis')}`, class: 'ltr', 'font-size': 12 });
  // count axis: grid lines, ticks and their labels, the axis title above
  const yAxis = s('g', { class: 'y-axis' });
  for (let v = 0; v <= top; v += step) {
    const y = yc(v);
    yAxis.append(s('g', { class: 'tick', 'data-value': v },
      s('line', { x1: M.left, x2: M.left + pw, y1: y, y2: y, stroke: v ? '#eceff1' : '#90a4ae' }),
      s('line', { x1: M.left - 4, x2: M.left, y1: y, y2: y, stroke: '#90a4ae' }),
      s('text', { x: M.left - 6, y: y + 4, 'text-anchor': 'end', fill: '#455a64' }, String(v))));
  }
  yAxis.append(s('line', { x1: M.left, x2: M.left, y1: M.top, y2: M.top + ph, stroke: '#90a4ae' }),
    s('text', { class: 'axis-title', x: 4, y: 16, 'text-anchor': 'start', fill: '#455a64', 'font-weight': 'bold' }, t('countAxis')));
  svg.append(yAxis);
  // Goldstein axis on the right, its zero dashed across the plot
  const gAxis = s('g', { class: 'g-axis', fill: '#1565c0' });
  for (const g of [-10, -5, 0, 5, 10]) {
    const y = yg(g);
    gAxis.append(s('g', { class: 'tick', 'data-value': g },
      s('line', { x1: M.left + pw, x2: M.left + pw + 4, y1: y, y2: y, stroke: '#1565c0' }),
      s('text', { x: M.left + pw + 6, y: y + 4, 'text-anchor': 'start' }, g > 0 ? '+' + g : String(g))));
  }
  gAxis.append(s('line', { x1: M.left + pw, x2: M.left + pw, y1: M.top, y2: M.top + ph, stroke: '#90caf9' }),
    s('line', { x1: M.left, x2: M.left + pw, y1: yg(0), y2: yg(0), stroke: '#90caf9', 'stroke-dasharray': '4' }),
    s('text', { class: 'axis-title', x: W - 4, y: 16, 'text-anchor': 'end', 'font-weight': 'bold' }, t('goldsteinAxis')));
  svg.append(gAxis);
  // bars, the Goldstein line, the month labels (as many as fit)
  const every = Math.max(1, Math.ceil(items.length / Math.max(1, Math.floor(pw / 64))));
  const xAxis = s('g', { class: 'x-axis' });
  const pts = [];
  items.forEach((b, i) => {
    const x = M.left + i * bw;
    const bar = s('g', { class: 'bar', 'data-period': b.period, 'data-total': b.total });
    let y = yc(0);
    b.quad.forEach((n, q) => {
      if (!n) return;
      const hgt = yc(0) - yc(n);
      y -= hgt;
      bar.append(s('rect', { x: x + Math.min(1, bw / 8), y, width: Math.max(1, bw - Math.min(2, bw / 4)), height: hgt, fill: quadColor[q] },
        s('title', {}, `${b.period.slice(0, 7)} ${t('quad' + (q + 1))}: ${n}`)));
    });
    svg.append(bar);
    b.next = items[i + 1];
    if (b.mean_goldstein != null) pts.push([x + bw / 2, yg(b.mean_goldstein), b]);
    if (i % every === 0) {
      xAxis.append(s('line', { x1: x + bw / 2, x2: x + bw / 2, y1: yc(0), y2: yc(0) + 4, stroke: '#90a4ae' }),
        s('text', { x: x + bw / 2, y: H - 8, 'text-anchor': 'middle', fill: '#455a64' }, b.period.slice(0, 7)));
    }
  });
  svg.append(xAxis);
  if (pts.length) {
    // the line is broken over the months with no event rather than drawn across them
    const d = pts.map(([x, y, b], i) => `${i && pts[i - 1][2].next === b ? 'L' : 'M'}${x.toFixed(1)},${y.toFixed(1)}`).join('');
    svg.append(s('path', { class: 'goldstein', d, fill: 'none', stroke: '#1565c0', 'stroke-width': 2 }));
    for (const [x, y, b] of pts) svg.append(s('circle', { cx: x, cy: y, r: 3, fill: '#1565c0' }, s('title', {}, `${b.period.slice(0, 7)} ${t('goldstein')}: ${b.mean_goldstein.toFixed(1)}`)));
  }
  return svg;
}

export async function timelinePage(app, params) {
  const vals = { actor: params.get('actor') || 'SYR', other: params.get('other') || '', cameo: params.get('cameo') || '', from: params.get('from') || '', to: params.get('to') || '' };
  const form = filterForm(['actor', 'other', 'cameo', 'from', 'to'], vals, (v) => setHash('timeline', v));
  const chart = h('div', { id: 'timeline', class: 'chart' });
  app.replaceChildren(form, chart);
  const items = fillMonths((await api('/api/timeline', { ...vals, interval: 'month', limit: 500 })).items);
  const total = items.reduce((a, b) => a + b.total, 0);
  if (!total) {
    chart.append(h('p', { class: 'meta' }, t('noEvents')));
    return;
  }
  const plot = h('div', { class: 'plot' });
  chart.append(plot, h('ul', { class: 'legend' },
    [1, 2, 3, 4].map((q) => h('li', {}, h('span', { class: 'badge q' + q }, 'Q' + q), ' ' + t('quad' + q))),
    h('li', {}, h('span', { class: 'badge gold' }, '—'), ' ' + t('goldstein'))),
    h('p', { class: 'meta' }, nEvents(total)));
  let drawn = 0;
  const seen = new ResizeObserver(() => draw());
  const draw = () => {
    if (!plot.isConnected) { seen.disconnect(); return; }
    if (Math.abs(plot.clientWidth - drawn) < 8) return;
    drawn = plot.clientWidth;
    plot.replaceChildren(drawTimeline(plot, items));
  };
  draw();
  seen.observe(plot);
}

export async function mapPage(app, params) {
  const vals = Object.fromEntries(['actor', 'cameo', 'from', 'to'].map((k) => [k, params.get(k) || '']));
  const form = filterForm(['actor', 'cameo', 'from', 'to'], vals, (v) => setHash('map', v));
  const box = h('div', { id: 'map', class: 'chart' });
  const list = h('ol', { id: 'places', class: 'events' });
  app.replaceChildren(form, box, h('h2', {}, t('places')), list);
  const [{ feature }, world, places] = await Promise.all([
    import('topojson-client'), import('world-atlas/countries-110m.json'), api('/api/places', { ...vals, limit: 500 })]);
  const W = 960, H = 480;
  const x = (lon) => ((lon + 180) / 360) * W, y = (lat) => ((90 - lat) / 180) * H;
  const path = (geom) => {
    const rings = geom.type === 'Polygon' ? [geom.coordinates] : geom.type === 'MultiPolygon' ? geom.coordinates : [];
    // a ring that crosses the antimeridian is cut there rather than drawn across the map
    return rings.flat().map((r) => r.map(([lo, la], i) => (i === 0 || Math.abs(lo - r[i - 1][0]) > 180 ? 'M' : 'L') + `${x(lo).toFixed(1)},${y(la).toFixed(1)}`).join('')).join('');
  };
  const land = feature(world.default || world, (world.default || world).objects.countries);
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'ltr', role: 'img', 'aria-label': t('nav.map') });
  svg.append(s('rect', { width: W, height: H, fill: '#e3f2fd' }));
  for (const f of land.features) svg.append(s('path', { d: path(f.geometry), fill: '#f5f5f5', stroke: '#90a4ae', 'stroke-width': 0.5 }, s('title', {}, f.properties.name)));
  const max = Math.max(1, ...places.items.map((p) => p.events));
  for (const p of places.items) {
    if (p.lat == null || p.lon == null) continue;
    svg.append(s('circle', { cx: x(p.lon), cy: y(p.lat), r: 2 + 10 * Math.sqrt(p.events / max), fill: '#c62828', 'fill-opacity': 0.6, class: 'place' },
      s('title', {}, `${p.text} (${p.country}): ${p.events}`)));
  }
  box.append(svg);
  list.append(...places.items.map((p) => h('li', {}, h('bdi', {}, p.text), ' · ', h('bdi', {}, p.country), ' · ', nEvents(p.events))));
}
