"""A paste longer than the chat's limit is cut to fit, and says so.

`st.chat_input(max_chars=…)` refuses a change that would pass the limit, so a 5,000-character
paste into a 4,000-character box did nothing at all: no text, no word why (a browser audit).
A native textarea keeps the part that fits; this does the same (the text fills the box up to
the limit, through React's own value setter so Streamlit sees it) and a line under the box
says what was left out. Nothing is sent: the student reads it, trims it, and sends.
"""

from __future__ import annotations

import json

from app_pages.page_script import inject

_SCRIPT = """
const LIMIT = LIMIT_JSON;
const NOTE_ID = 'tl-paste-note';
const setter = Object.getOwnPropertyDescriptor(win.HTMLTextAreaElement.prototype, 'value').set;
const clearNote = () => { const n = doc.getElementById(NOTE_ID); if (n) n.remove(); };
doc.addEventListener('paste', (e) => {
  const box = e.target.closest && e.target.closest('[data-testid="stChatInput"] textarea');
  if (!box || !e.clipboardData) return;
  const pasted = e.clipboardData.getData('text/plain');
  const start = box.selectionStart ?? box.value.length;
  const end = box.selectionEnd ?? box.value.length;
  const room = LIMIT - (box.value.length - (end - start));
  if (pasted.length <= room) return;
  e.preventDefault();
  const fits = pasted.slice(0, Math.max(room, 0));
  setter.call(box, box.value.slice(0, start) + fits + box.value.slice(end));
  box.dispatchEvent(new win.Event('input', { bubbles: true }));
  clearNote();
  const note = doc.createElement('div');
  note.id = NOTE_ID;
  note.setAttribute('role', 'status');
  note.style.cssText = 'font-size: 0.85rem; opacity: 0.8; margin: 0.25rem 0 0.5rem;';
  const left = pasted.length - fits.length;
  const n = (x) => x.toLocaleString('en-US');
  note.textContent = 'Pasted the first ' + n(fits.length) + ' characters: the last ' +
    n(left) + ' did not fit in one message (up to ' + n(LIMIT) + '). Send the rest next.';
  const where = box.closest('[data-testid="stChatInput"]');
  where.parentNode.insertBefore(note, where.nextSibling);
}, true);
doc.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && e.target.closest && e.target.closest('[data-testid="stChatInput"]')) {
    clearNote();
  }
}, true);
"""


def cut_long_pastes(limit: int) -> None:
    inject("tl_long_paste", _SCRIPT.replace("LIMIT_JSON", json.dumps(limit)))
