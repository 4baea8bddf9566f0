// The documents table (js_on_load): 'qa_remove' after a confirmation; times in the reader's zone.
const root = element;

function localTimes() {
  const holder = root.querySelector('[data-page-lang]');
  const lang = holder ? holder.dataset.pageLang : 'fr';
  root.querySelectorAll('time[datetime]').forEach(el => {
    const when = new Date(el.getAttribute('datetime'));
    if (isNaN(when)) return;
    el.textContent = new Intl.DateTimeFormat(lang, {dateStyle: 'long', timeStyle: 'short'}).format(when);
  });
}

root.addEventListener('click', (ev) => {
  const b = ev.target.closest('button[data-act]');
  if (!b) return;
  const cell = b.closest('td');
  switch (b.dataset.act) {
    case 'remove': {
      const confirm = cell.querySelector('.confirm');
      confirm.hidden = false;
      b.hidden = true;
      confirm.querySelector('[data-act="remove-no"]').focus();
      break;
    }
    case 'remove-no': {
      b.closest('.confirm').hidden = true;
      const remove = cell.querySelector('[data-act="remove"]');
      remove.hidden = false;
      remove.focus();
      break;
    }
    case 'remove-yes': trigger('qa_remove', {doc: b.dataset.doc}); break;
  }
});

watch('value', localTimes);
localTimes();
