import './style.css';
import { h, failure } from './dom.js';
import { t, getLang, setLang } from './i18n.js';
import { articlePage } from './article.js';
import { searchPage, networkPage, timelinePage, mapPage } from './views.js';

const app = document.getElementById('app');

// Content-Security-Policy violations are kept where the browser tests read them.
window.marsadCSPViolations = [];
document.addEventListener('securitypolicyviolation', (e) => window.marsadCSPViolations.push(`${e.violatedDirective} ${e.blockedURI}`));

// gen counts the renders: each renders into its own view, so a slow
// render that a newer one overtook (a quick second click, the language
// toggle) fills a view no longer shown and cannot overwrite it.
let gen = 0;

async function route() {
  const mine = ++gen;
  const [path, qs] = location.hash.replace(/^#\/?/, '').split('?');
  const params = new URLSearchParams(qs || '');
  const [view, ...rest] = path.split('/');
  document.body.dataset.view = view || 'search';
  for (const a of document.querySelectorAll('nav a')) {
    const here = a.getAttribute('href') === '#/' + (view || '');
    a.classList.toggle('current', here);
    if (here) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  }
  document.getElementById('tip').hidden = true;
  delete app.dataset.ready;
  const box = h('div', { class: 'view' }, h('p', { class: 'loading' }, t('loading')));
  app.replaceChildren(box);
  let ready = view || 'search';
  try {
    switch (view) {
      case 'article': await articlePage(box, decodeURIComponent(rest.join('/'))); break;
      case 'network': await networkPage(box, params); break;
      case 'timeline': await timelinePage(box, params); break;
      case 'map': await mapPage(box, params); break;
      default: await searchPage(box, params);
    }
  } catch (err) {
    box.replaceChildren(failure(err, () => route()));
    ready = 'error';
  }
  if (mine === gen) app.dataset.ready = ready;
}

document.getElementById('lang').addEventListener('click', () => { setLang(getLang() === 'ar' ? 'en' : 'ar'); route(); });
addEventListener('hashchange', () => route());
setLang(getLang());
route();
