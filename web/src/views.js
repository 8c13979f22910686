import { h, s, api, actorLabel, quadColor } from './dom.js';
import { t } from './i18n.js';

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

function eventRow(e) {
  return h('li', {},
    h('span', { class: 'badge q' + e.quad }, e.cameo), ' ',
    `${actorLabel(e.source)} → ${actorLabel(e.target)} · ${e.plover.category} · ${e.day || ''} `,
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
      h('a', { href: '#/article/' + encodeURIComponent(x.article_id), class: 'hit' }, x.title || x.article_id),
      h('div', { class: 'meta' }, `${x.outlet} · ${x.published} · ${x.events} ${t('events')}`),
      h('p', { class: 'snippet' }, x.snippet)))) : h('p', {}, t('noResults')));
  }
  const evs = (await api('/api/events', { ...vals, limit: 30 })).items;
  const exp = new URLSearchParams(Object.entries({ ...vals, format: 'csv' }).filter(([, v]) => v));
  results.append(h('h2', {}, t('latest'), ' ', h('a', { href: '/api/export?' + exp, class: 'export' }, t('export'))),
    h('ul', { class: 'events' }, evs.map(eventRow)));
}

export async function networkPage(app, params) {
  const vals = Object.fromEntries(['actor', 'cameo', 'from', 'to'].map((k) => [k, params.get(k) || '']));
  const form = filterForm(['actor', 'cameo', 'from', 'to'], vals, (v) => setHash('network', v));
  const box = h('div', { id: 'cy', class: 'graph' });
  const side = h('aside', { id: 'edge-events', class: 'evidence' }, t('edgeEvents'));
  const list = h('ul', { id: 'edges', class: 'edges' });
  app.replaceChildren(form, h('div', { class: 'article' }, box, side), h('h2', {}, t('edges')), list);
  const [{ default: cytoscape }, net] = await Promise.all([import('cytoscape'), api('/api/network', { ...vals, limit: 150 })]);
  const showEdge = async (e) => {
    side.replaceChildren(h('h3', {}, `${e.source} → ${e.target}`), h('p', {}, t('loading')));
    const evs = (await api('/api/events', { ...vals, actor: e.source, side: 'source', other: e.target, limit: 100 })).items;
    side.replaceChildren(h('h3', {}, `${e.source} → ${e.target}`),
      h('p', {}, `${e.cooperation} ${t('cooperation')} · ${e.conflict} ${t('conflict')} · ${t('goldstein')} ${e.mean_goldstein.toFixed(1)}`),
      h('ul', { class: 'events' }, evs.filter((x) => x.target && x.target.code === e.target).map(eventRow)));
  };
  const colour = (e) => (e.cooperation >= e.conflict ? '#2f7d32' : '#c62828');
  list.append(...net.edges.map((e) => h('li', { 'data-source': e.source, 'data-target': e.target, class: e.cooperation >= e.conflict ? 'coop' : 'conf' },
    h('button', { type: 'button', onclick: () => showEdge(e) }, `${e.source} → ${e.target}`), ` ${e.events} (${e.cooperation} / ${e.conflict})`)));
  const cy = cytoscape({
    container: box,
    elements: [
      ...net.nodes.map((n) => ({ data: { id: n.id, label: n.id, size: 14 + Math.min(30, n.events * 2) } })),
      ...net.edges.map((e, i) => ({ data: { id: 'e' + i, source: e.source, target: e.target, colour: colour(e), width: 1 + Math.min(8, e.events), edge: e } })),
    ],
    style: [
      { selector: 'node', style: { label: 'data(label)', width: 'data(size)', height: 'data(size)', 'background-color': '#37474f', 'font-size': 10, color: '#111' } },
      { selector: 'edge', style: { width: 'data(width)', 'line-color': 'data(colour)', 'target-arrow-color': 'data(colour)', 'target-arrow-shape': 'triangle', 'curve-style': 'bezier', opacity: 0.8 } },
    ],
    layout: { name: 'cose', animate: false, randomize: false, nodeRepulsion: () => 8000 },
    wheelSensitivity: 0.3,
  });
  cy.on('tap', 'edge', (ev) => showEdge(ev.target.data('edge')));
  window.marsadGraph = { nodes: cy.nodes().length, edges: cy.edges().length };
}

export async function timelinePage(app, params) {
  const vals = { actor: params.get('actor') || 'SYR', other: params.get('other') || '', cameo: params.get('cameo') || '', from: params.get('from') || '', to: params.get('to') || '' };
  const form = filterForm(['actor', 'other', 'cameo', 'from', 'to'], vals, (v) => setHash('timeline', v));
  const chart = h('div', { id: 'timeline', class: 'chart' });
  app.replaceChildren(form, chart);
  const items = (await api('/api/timeline', { ...vals, interval: 'month', limit: 500 })).items;
  const W = 800, H = 300, P = 30;
  const max = Math.max(1, ...items.map((b) => b.total));
  const bw = (W - 2 * P) / Math.max(1, items.length);
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': t('nav.timeline'), class: 'ltr' });
  svg.append(s('line', { x1: P, y1: H - P, x2: W - P, y2: H - P, stroke: '#999' }));
  const zero = P + (H - 2 * P) / 2;
  svg.append(s('line', { x1: P, y1: zero, x2: W - P, y2: zero, stroke: '#ddd', 'stroke-dasharray': '4' }));
  let line = '';
  items.forEach((b, i) => {
    let y = H - P;
    b.quad.forEach((n, q) => {
      const hgt = (n / max) * (H - 2 * P);
      y -= hgt;
      if (n) svg.append(s('rect', { x: P + i * bw + 1, y, width: Math.max(1, bw - 2), height: hgt, fill: quadColor[q] }, s('title', {}, `${b.period} ${t('quad' + (q + 1))}: ${n}`)));
    });
    if (b.mean_goldstein != null) {
      const gy = zero - (b.mean_goldstein / 10) * ((H - 2 * P) / 2);
      line += `${line ? 'L' : 'M'}${P + i * bw + bw / 2},${gy}`;
    }
    if (items.length < 40 || i % Math.ceil(items.length / 12) === 0) svg.append(s('text', { x: P + i * bw, y: H - 8, 'font-size': 10 }, b.period.slice(0, 7)));
  });
  if (line) svg.append(s('path', { d: line, fill: 'none', stroke: '#1565c0', 'stroke-width': 2 }));
  chart.append(svg, h('ul', { class: 'legend' },
    [1, 2, 3, 4].map((q) => h('li', {}, h('span', { class: 'badge q' + q }, 'Q' + q), ' ' + t('quad' + q))),
    h('li', {}, h('span', { class: 'badge gold' }, '—'), ' ' + t('goldstein'))));
  chart.append(h('p', { class: 'meta' }, `${items.reduce((a, b) => a + b.total, 0)} ${t('events')}`));
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
  list.append(...places.items.map((p) => h('li', {}, `${p.text} · ${p.country} · ${p.events} ${t('events')}`)));
}
