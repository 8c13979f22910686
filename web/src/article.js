import { h, api, actorLabel, pair } from './dom.js';
import { t } from './i18n.js';

const enc = new TextEncoder();
const dec = new TextDecoder();

// segments cuts text (offsets are UTF-8 byte offsets) at every span
// boundary and says which entity, evidence and trigger cover each piece.
function segments(bytes, doc) {
  const cuts = new Set([0, bytes.length]);
  const spans = [];
  doc.entities.forEach((e, i) => spans.push({ kind: 'ent', i, start: e.start, end: e.end }));
  doc.events.forEach((e, i) => {
    spans.push({ kind: 'ev', i, start: e.evidence.start, end: e.evidence.end });
    spans.push({ kind: 'trig', i, start: e.trigger.start, end: e.trigger.end });
  });
  for (const sp of spans) {
    if (sp.start >= 0 && sp.end <= bytes.length && sp.start < sp.end) { cuts.add(sp.start); cuts.add(sp.end); }
  }
  const pts = [...cuts].sort((a, b) => a - b);
  const out = [];
  for (let k = 0; k + 1 < pts.length; k++) {
    const a = pts[k], b = pts[k + 1];
    const cover = spans.filter((sp) => sp.start <= a && sp.end >= b);
    out.push({ text: dec.decode(bytes.subarray(a, b)), cover });
  }
  return out;
}

function describe(ev) {
  const mod = ev.modality.length ? ev.modality.join(', ') : t('none');
  return [
    // the codes are isolated left to right, so that an Arabic line that
    // wraps does not reorder their separators
    [`${t('code')}: `, h('bdi', { dir: 'ltr' }, `${ev.cameo} (${ev.root}) · QuadClass ${ev.quad} · Goldstein ${ev.goldstein}`)],
    `${t('plover')}: ${ev.plover.category}${ev.plover.mode ? ':' + ev.plover.mode : ''}`,
    `${t('source')}: ${actorLabel(ev.source)}`,
    `${t('target')}: ${actorLabel(ev.target)}`,
    `${t('modality')}: ${mod}`,
  ];
}

export async function articlePage(app, id) {
  const doc = await api('/api/articles/' + encodeURIComponent(id));
  const bytes = enc.encode(doc.text);
  const tip = document.getElementById('tip');
  let tappedAt = -Infinity;
  const panel = h('aside', { class: 'evidence', id: 'evidence' }, t('clickEvent'));
  // the text keeps its own direction (Arabic: right to left) in either UI language
  const body = h('div', { class: 'text', id: 'article-text', dir: 'auto' });
  for (const seg of segments(bytes, doc)) {
    const ent = seg.cover.find((c) => c.kind === 'ent');
    const trig = seg.cover.find((c) => c.kind === 'trig');
    const ev = seg.cover.find((c) => c.kind === 'ev');
    if (!ent && !trig && !ev) { body.append(seg.text); continue; }
    const cls = [ent && 'ent ent-' + doc.entities[ent.i].type, ev && 'ev q' + doc.events[ev.i].quad, trig && 'trig'].filter(Boolean).join(' ');
    const evi = trig ? trig.i : ev ? ev.i : null;
    const attrs = { class: cls };
    if (evi != null) {
      const e = doc.events[evi];
      Object.assign(attrs, { 'data-event': evi, 'data-cameo': e.cameo, 'data-source': e.source.code, 'data-target': e.target ? e.target.code : '', tabindex: trig ? 0 : null });
    }
    if (ent) attrs['data-entity'] = doc.entities[ent.i].type + (doc.entities[ent.i].code ? ' ' + doc.entities[ent.i].code : '');
    const span = h('span', attrs, seg.text);
    if (evi != null) {
      const e = doc.events[evi];
      span.addEventListener('mouseenter', (m) => {
        if (performance.now() - tappedAt < 800) return; // the page scrolled under a still pointer after a tap
        tip.replaceChildren(...describe(e).map((l) => h('div', {}, l)));
        tip.hidden = false;
        tip.style.top = (m.clientY + 14) + 'px';
        tip.style.left = Math.min(m.clientX, innerWidth - 280) + 'px';
      });
      span.addEventListener('mouseleave', () => { tip.hidden = true; });
      span.addEventListener('click', () => {
        tip.hidden = true; // the panel says the same; a tap on a phone would leave the tip over it
        tappedAt = performance.now();
        panel.replaceChildren(
          h('h3', {}, `${e.cameo} ${e.plover.category}`),
          ...describe(e).map((l) => h('div', {}, l)),
          h('h4', {}, t('evidence')), h('blockquote', {}, e.evidence.text),
          h('h4', {}, t('rule')), h('p', { class: 'rule' }, e.rule || ''),
        );
        for (const x of body.querySelectorAll('.active')) x.classList.remove('active');
        for (const x of body.querySelectorAll(`[data-event="${evi}"]`)) x.classList.add('active');
        // on a phone the panel sits at the foot of the screen: keep the tapped words above it
        if (matchMedia('(max-width: 700px)').matches) span.scrollIntoView({ block: 'center' });
      });
    }
    body.append(span);
  }
  const evList = h('ol', { class: 'events', id: 'article-events' }, doc.events.map((e, i) =>
    h('li', { 'data-event': i, onclick: () => body.querySelector(`.trig[data-event="${i}"]`)?.click() },
      h('b', {}, e.cameo), ' ', ...pair(e.source, e.target), ' · ', h('bdi', {}, e.plover.category), ' ', h('q', {}, h('bdi', {}, e.trigger.text)))));
  app.replaceChildren(
    h('h1', { class: 'title', dir: 'auto' }, doc.title || doc.id),
    h('p', { class: 'meta' }, [doc.outlet, doc.published, doc.attribution].filter(Boolean).join(' · ')),
    h('div', { class: 'article' }, body, panel),
    h('h2', {}, `${t('eventsTitle')} (${doc.events.length})`), evList,
  );
}
