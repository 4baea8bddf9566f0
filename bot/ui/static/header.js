// The page heading (js_on_load of the header): 'qa_language' switches the page language.
const root = element;

function syncLang() {
  const el = root.querySelector('[data-page-lang]');
  if (el && document.documentElement.lang !== el.dataset.pageLang) document.documentElement.lang = el.dataset.pageLang;
}

root.addEventListener('click', (ev) => {
  const b = ev.target.closest('button[data-act="language"]');
  if (b) trigger('qa_language', {lang: b.dataset.lang});
});

watch('value', syncLang);
syncLang();
