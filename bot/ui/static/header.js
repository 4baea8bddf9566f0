// The page heading (js_on_load of the header): 'qa_language' switches the page language; the
// page's lang attribute and the browser tab's title follow it.
const root = element;

function syncLang() {
  const el = root.querySelector('[data-page-lang]');
  if (el && document.documentElement.lang !== el.dataset.pageLang) document.documentElement.lang = el.dataset.pageLang;
  if (el && el.dataset.pageTitle && document.title !== el.dataset.pageTitle) document.title = el.dataset.pageTitle;
}

root.addEventListener('click', (ev) => {
  const b = ev.target.closest('button[data-act="language"]');
  if (b) trigger('qa_language', {lang: b.dataset.lang});
});

watch('value', syncLang);
syncLang();
