// Strings of the UI in Arabic (the default) and English.
export const strings = {
  ar: {
    brand: 'مرصد', 'nav.search': 'بحث', 'nav.network': 'الشبكة', 'nav.timeline': 'الخط الزمني', 'nav.map': 'الخريطة',
    toggle: 'English', search: 'ابحث في المقالات', go: 'بحث', results: 'النتائج', events: 'أحداث', noResults: 'لا نتائج',
    actor: 'الفاعل (SYR أو SYRGOV)', other: 'الطرف الآخر', cameo: 'رمز CAMEO', from: 'من', to: 'إلى', apply: 'تطبيق',
    latest: 'الأحداث الأكثر تداولاً', source: 'المصدر', target: 'الهدف', code: 'الرمز', plover: 'PLOVER', modality: 'الصيغة',
    evidence: 'الدليل', rule: 'القاعدة', entities: 'الكيانات', edges: 'الروابط', cooperation: 'تعاون', conflict: 'نزاع',
    edgeEvents: 'أحداث الرابط', goldstein: 'متوسط غولدستين', quad1: 'تعاون لفظي', quad2: 'تعاون مادي', quad3: 'نزاع لفظي', quad4: 'نزاع مادي',
    places: 'أماكن الأحداث', article: 'المقالة', outlet: 'المصدر الإعلامي', loading: 'جارٍ التحميل…', error: 'خطأ', export: 'تصدير CSV',
    clickEvent: 'مرّر فوق حدث لرؤية رمزه، وانقر لرؤية دليله.', day: 'اليوم', none: '—',
    eventsTitle: 'الأحداث', arrow: '←', selectEdge: 'انقر رابطاً في الشبكة أو في القائمة لرؤية أحداثه.',
    busy: 'الخادم مشغول بطلبات أخرى الآن؛ أعد المحاولة بعد لحظات.', busyRetry: 'الخادم مشغول؛ إعادة المحاولة بعد {n} ثانية…',
    timeout: 'استغرق الاستعلام وقتاً أطول من المسموح؛ ضيّق المرشحات وأعد المحاولة.', offline: 'تعذّر الاتصال بالخادم.', retry: 'أعد المحاولة',
    countAxis: 'عدد الأحداث في الشهر', goldsteinAxis: 'غولدستين', noEvents: 'لا أحداث لهذه المرشحات',
  },
  en: {
    brand: 'Marsad', 'nav.search': 'Search', 'nav.network': 'Network', 'nav.timeline': 'Timeline', 'nav.map': 'Map',
    toggle: 'العربية', search: 'Search the articles', go: 'Search', results: 'Results', events: 'events', noResults: 'No results',
    actor: 'Actor (SYR or SYRGOV)', other: 'Other actor', cameo: 'CAMEO code', from: 'From', to: 'To', apply: 'Apply',
    latest: 'Most reported events', source: 'Source', target: 'Target', code: 'Code', plover: 'PLOVER', modality: 'Modality',
    evidence: 'Evidence', rule: 'Rule', entities: 'Entities', edges: 'Edges', cooperation: 'cooperation', conflict: 'conflict',
    edgeEvents: 'Events of the edge', goldstein: 'mean Goldstein', quad1: 'verbal cooperation', quad2: 'material cooperation', quad3: 'verbal conflict', quad4: 'material conflict',
    places: 'Event locations', article: 'Article', outlet: 'Outlet', loading: 'Loading…', error: 'Error', export: 'Export CSV',
    clickEvent: 'Hover an event to see its code; click it for its evidence.', day: 'Day', none: '—',
    eventsTitle: 'Events', arrow: '→', selectEdge: 'Click an edge of the network or of the list to see its events.',
    busy: 'The server is busy with other queries; try again in a moment.', busyRetry: 'The server is busy; trying again in {n} s…',
    timeout: 'The query took longer than allowed; narrow the filters and try again.', offline: 'The server cannot be reached.', retry: 'Try again',
    countAxis: 'events a month', goldsteinAxis: 'Goldstein', noEvents: 'No events for these filters',
  },
};

let lang = localStorage.getItem('marsad.lang') === 'en' ? 'en' : 'ar';

export function t(key) { return strings[lang][key] ?? key; }
export function getLang() { return lang; }

export function setLang(l) {
  lang = l;
  localStorage.setItem('marsad.lang', l);
  document.documentElement.lang = l;
  document.documentElement.dir = l === 'ar' ? 'rtl' : 'ltr';
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  document.getElementById('lang').textContent = t('toggle');
}

// nEvents says "n events" in the UI's language, with Arabic's number
// forms (حدث واحد، حدثان، ٣–١٠ أحداث، ١١ حدثاً فما فوق).
export function nEvents(n) {
  if (lang === 'en') return n === 1 ? '1 event' : `${n} events`;
  if (n === 1) return 'حدث واحد';
  if (n === 2) return 'حدثان';
  const r = n % 100;
  return r >= 3 && r <= 10 ? `${n} أحداث` : `${n} حدثاً`;
}
