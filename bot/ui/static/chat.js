// The conversation (runs as the chat component's js_on_load: element, trigger, server, watch).
// Events sent to the server: 'qa_ask' 'qa_retry' 'qa_edit' 'qa_rate' 'qa_comment'.
// Everything shown comes from the server already escaped; this code only moves focus, opens
// cards and dialogs, and copies text. It never builds HTML from question or document text.
const root = element;
const scroller = () => root.closest('#chat') || root;
const openState = new Map();   // card id -> open, as the reader left it
let current = null;            // {card, n}: the citation last opened
let atBottom = true;
let messageCount = 0;

function pageLang() {
  const el = root.querySelector('[data-page-lang]');
  return el ? el.dataset.pageLang : 'fr';
}

function syncLang() {
  const lang = pageLang();
  if (document.documentElement.lang !== lang) document.documentElement.lang = lang;
}

// Scroll the conversation box only (never the page), so that `el` is in view.
function reveal(el, center) {
  const sc = scroller();
  const r = el.getBoundingClientRect();
  const box = sc.getBoundingClientRect();
  let delta = 0;
  if (center) delta = r.top + r.height / 2 - (box.top + box.height / 2);
  else if (r.height > box.height || r.top < box.top) delta = r.top - box.top - 8;
  else if (r.bottom > box.bottom) delta = r.bottom - box.bottom + 8;
  sc.scrollTo({top: sc.scrollTop + delta, behavior: 'smooth'});
}

function markCurrent() {
  root.querySelectorAll('mark.current').forEach(m => m.classList.remove('current'));
  if (!current) return;
  const card = document.getElementById(current.card);
  if (!card) return;
  card.querySelectorAll(`mark[data-n="${current.n}"]`).forEach(m => m.classList.add('current'));
}

function reapply() {
  for (const [id, open] of openState) {
    const card = document.getElementById(id);
    if (card && card.open !== open) card.open = open;
  }
  markCurrent();
  syncLang();
  const count = root.querySelectorAll('.msg').length;
  const sc = scroller();
  if (count > messageCount || atBottom) sc.scrollTop = sc.scrollHeight;
  messageCount = count;
}

scroller().addEventListener('scroll', () => {
  const sc = scroller();
  atBottom = sc.scrollTop + sc.clientHeight >= sc.scrollHeight - 60;
});

async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch (e) {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  }
}

function dialog() {
  let dlg = document.getElementById('qa-doc-dialog');
  if (!dlg) {
    dlg = document.createElement('dialog');
    dlg.id = 'qa-doc-dialog';
    const bar = document.createElement('div');
    bar.className = 'dlg-bar';
    const close = document.createElement('button');
    close.type = 'button';
    close.className = 'dlg-close act';
    close.addEventListener('click', () => dlg.close());
    bar.appendChild(close);
    const body = document.createElement('div');
    body.className = 'dlg-body';
    dlg.append(bar, body);
    dlg.addEventListener('close', () => { if (dlg.opener) dlg.opener.focus(); });
    document.body.appendChild(dlg);
  }
  return dlg;
}

async function openDocument(button) {
  const html = await server.document_view({doc: button.dataset.doc, start: +button.dataset.start, end: +button.dataset.end, lang: pageLang()});
  const dlg = dialog();
  dlg.opener = button;
  dlg.querySelector('.dlg-close').textContent = root.querySelector('.qa-chat').dataset.close;
  dlg.querySelector('.dlg-body').innerHTML = html;  // built and escaped by the server
  const title = dlg.querySelector('.doc-view-title');
  if (title) { title.id = 'qa-doc-title'; dlg.setAttribute('aria-labelledby', 'qa-doc-title'); }
  dlg.showModal();
  const target = dlg.querySelector('.chunk.target');
  if (target) {
    target.setAttribute('tabindex', '-1');
    dlg.scrollTop += target.getBoundingClientRect().top - dlg.getBoundingClientRect().top - dlg.clientHeight / 4;
    target.focus({preventScroll: true});
  }
}

function openCitation(link) {
  const card = document.getElementById(link.dataset.card);
  if (!card) return;
  card.open = true;
  openState.set(card.id, true);
  current = {card: card.id, n: link.dataset.n};
  markCurrent();
  reveal(card, false);
  const body = card.querySelector('.card-body');
  if (body) body.focus({preventScroll: true});
  card.classList.add('flash');
  setTimeout(() => card.classList.remove('flash'), 1200);
}

function backToAnswer(button) {
  const card = button.closest('details.card');
  const msg = button.closest('.msg');
  let link = null;
  if (card && current && current.card === card.id) {
    link = msg.querySelector(`a.cite[data-card="${card.id}"][data-n="${current.n}"]`);
  }
  link = link || (card && msg.querySelector(`a.cite[data-card="${card.id}"]`)) || msg.querySelector('.answer');
  if (!link) return;
  if (!link.hasAttribute('href')) link.setAttribute('tabindex', '-1');
  reveal(link, true);
  link.focus({preventScroll: true});
}

root.addEventListener('click', (ev) => {
  const summary = ev.target.closest('details.card > summary');
  if (summary) {
    const card = summary.parentElement;
    setTimeout(() => openState.set(card.id, card.open), 0);
    return;
  }
  const link = ev.target.closest('a.cite');
  if (link) { ev.preventDefault(); openCitation(link); return; }
  const b = ev.target.closest('button[data-act]');
  if (!b) return;
  const msg = b.closest('.msg');
  switch (b.dataset.act) {
    case 'ask': trigger('qa_ask', {text: b.dataset.text}); break;
    case 'retry': trigger('qa_retry', {}); break;
    case 'rate': trigger('qa_rate', {msg: b.dataset.msg, rating: b.dataset.rating}); break;
    case 'comment': {
      const area = msg.querySelector('.comment-box textarea');
      trigger('qa_comment', {msg: b.dataset.msg, comment: area ? area.value : ''});
      msg.querySelector('.comment-box').classList.add('sent');
      break;
    }
    case 'copy':
      copyText(b.dataset.copy).then(ok => {
        if (!ok) return;
        const label = b.querySelector('span');
        const before = label.textContent;
        label.textContent = b.dataset.done;
        b.classList.add('done');  // shown even where the tools are icons only (phones)
        setTimeout(() => { label.textContent = before; b.classList.remove('done'); }, 1500);
      });
      break;
    case 'edit': {
      msg.querySelector('.bubble').hidden = true;
      b.closest('.toolbar').hidden = true;
      const editor = msg.querySelector('.editor');
      editor.hidden = false;
      const area = editor.querySelector('textarea');
      area.focus();
      area.setSelectionRange(area.value.length, area.value.length);
      break;
    }
    case 'edit-cancel':
      msg.querySelector('.editor').hidden = true;
      msg.querySelector('.bubble').hidden = false;
      msg.querySelector('.toolbar').hidden = false;
      msg.querySelector('[data-act="edit"]').focus();
      break;
    case 'resend': {
      const text = msg.querySelector('.editor textarea').value;
      if (text.trim()) trigger('qa_edit', {text: text});
      break;
    }
    case 'doc': openDocument(b); break;
    case 'back': backToAnswer(b); break;
  }
});

root.addEventListener('keydown', (ev) => {
  const area = ev.target.closest('.editor textarea');
  if (area && ev.key === 'Enter' && !ev.shiftKey) {
    ev.preventDefault();
    if (area.value.trim()) trigger('qa_edit', {text: area.value});
  } else if (area && ev.key === 'Escape') {
    area.closest('.msg').querySelector('[data-act="edit-cancel"]').click();
  }
});

watch('value', reapply);
reapply();
