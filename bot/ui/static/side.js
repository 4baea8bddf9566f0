// The conversation list (js_on_load of the sidebar): 'qa_new' 'qa_open' 'qa_delete'.
// The sidebar starts closed; on a wide screen it opens at once, on a phone it stays a drawer
// that closes again when a conversation is chosen.
const root = element;
const phone = () => window.matchMedia('(max-width: 768px)').matches;
const sidebar = () => root.closest('.sidebar');
const toggle = () => { const s = sidebar(); return s ? s.querySelector(':scope > .toggle-button') : null; };

function label() {
  const holder = root.querySelector('[data-page-lang]');
  const b = toggle();
  if (holder && b) {
    b.setAttribute('aria-label', holder.dataset.toggle);
    b.setAttribute('aria-expanded', sidebar().classList.contains('open') ? 'true' : 'false');
  }
}

function setOpen(open) {
  const s = sidebar();
  if (s && s.classList.contains('open') !== open && toggle()) toggle().click();
  setTimeout(label, 50);
}

root.addEventListener('click', (ev) => {
  const b = ev.target.closest('button[data-act]');
  if (!b) return;
  const item = b.closest('li.conv');
  switch (b.dataset.act) {
    case 'new': trigger('qa_new', {}); if (phone()) setOpen(false); break;
    case 'open': trigger('qa_open', {id: b.dataset.id}); if (phone()) setOpen(false); break;
    case 'delete': {
      const confirm = item.querySelector('.confirm');
      confirm.hidden = false;
      confirm.querySelector('[data-act="delete-no"]').focus();
      break;
    }
    case 'delete-no': {
      b.closest('.confirm').hidden = true;
      item.querySelector('[data-act="delete"]').focus();
      break;
    }
    case 'delete-yes': trigger('qa_delete', {id: b.dataset.id}); break;
  }
});

if (toggle()) toggle().addEventListener('click', () => setTimeout(label, 50));
watch('value', label);
setTimeout(() => setOpen(!phone()), 0);
