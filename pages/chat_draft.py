"""A message half typed in the chat box waits there through a page switch or a refresh.

`st.chat_input` sends nothing until Enter, so the server never sees a draft, and the box is
drawn empty whenever the chat page is drawn anew: a student who looked at their game plan
mid-sentence came back to an empty box. The draft is kept in the browser tab's own
`sessionStorage`, per conversation (the `session` in the address), put back into the empty
box when that conversation is open again, and dropped once it is sent. It never leaves the
browser, and a new tab or a closed one starts clean.
"""

from __future__ import annotations

from pages.page_script import inject

_SCRIPT = """
const BOX = '[data-testid="stChatInputTextArea"]';
const SEND = '[data-testid="stChatInputSubmitButton"]';
const key = () => {
  const session = new URLSearchParams(win.location.search).get('session');
  return session ? 'tl_draft:' + session : null;
};
const store = win.sessionStorage;
const drop = () => { const k = key(); if (k) store.removeItem(k); };
doc.addEventListener('input', (e) => {
  const k = key();
  if (!k || !e.target.matches || !e.target.matches(BOX)) return;
  if (e.target.value) store.setItem(k, e.target.value); else store.removeItem(k);
}, true);
doc.addEventListener('keydown', (e) => {
  if (e.target.matches && e.target.matches(BOX) && e.key === 'Enter' && !e.shiftKey
      && !e.isComposing && e.target.value.trim()) drop();
}, true);
doc.addEventListener('click', (e) => {
  if (e.target.closest && e.target.closest(SEND)) drop();
}, true);
const setValue = Object.getOwnPropertyDescriptor(
  win.HTMLTextAreaElement.prototype, 'value').set;
setInterval(() => {  // once per box and conversation: a box typed empty stays empty
  const box = doc.querySelector(BOX);
  const k = key();
  if (!box || !k || box.dataset.tlDraftFor === k) return;
  box.dataset.tlDraftFor = k;
  const draft = store.getItem(k);
  if (!draft || box.value) return;
  setValue.call(box, draft);
  box.dispatchEvent(new Event('input', { bubbles: true }));
}, 300);
"""


def keep_chat_drafts() -> None:
    inject("tl_chat_draft", _SCRIPT)
