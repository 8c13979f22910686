import './style.css';
import { h } from './dom.js';
import { t, getLang, setLang } from './i18n.js';
import { articlePage } from './article.js';
import { searchPage, networkPage, timelinePage, mapPage } from './views.js';

const app = document.getElementById('app');

// Content-Security-Policy violations are kept where the browser tests read them.
window.marsadCSPViolations = [];
document.addEventListener('securitypolicyviolation', (e) => window.marsadCSPViolations.push(`${e.violatedDirective} ${e.blockedURI}`));

async function route() {
  const [path, qs] = location.hash.replace(/^#\/?/, '').split('?');
  const params = new URLSearchParams(qs || '');
  const [view, ...rest] = path.split('/');
  document.body.dataset.view = view || 'search';
  for (const a of document.querySelectorAll('nav a')) a.classList.toggle('current', a.getAttribute('href') === '#/' + (view || ''));
  document.getElementById('tip').hidden = true;
  app.replaceChildren(h('p', { class: 'loading' }, t('loading')));
  try {
    switch (view) {
      case 'article': await articlePage(app, decodeURIComponent(rest.join('/'))); break;
      case 'network': await networkPage(app, params); break;
      case 'timeline': await timelinePage(app, params); break;
      case 'map': await mapPage(app, params); break;
      default: await searchPage(app, params);
    }
    app.dataset.ready = view || 'search';
  } catch (err) {
    app.replaceChildren(h('p', { class: 'error', role: 'alert' }, `${t('error')}: ${err.message}`));
    app.dataset.ready = 'error';
  }
}

document.getElementById('lang').addEventListener('click', () => { setLang(getLang() === 'ar' ? 'en' : 'ar'); route(); });
addEventListener('hashchange', () => { delete app.dataset.ready; route(); });
setLang(getLang());
route();
