"""What a person has half typed waits for them through a page switch or a refresh.

The chat box: `st.chat_input` sends nothing until Enter, so the server never sees a draft, and
the box is drawn empty whenever the chat page is drawn anew: a student who looked at their
game plan mid-sentence came back to an empty box.

Review's override reason, override score and session note: the server keeps what reached it
(app_pages.context.STICKY), but a sidebar click made while the field has focus can change the page
before the field's value is sent, and Streamlit then drops the field's state with the page (a
coach's reason was gone about one time in five on a busy box).

So each draft is also kept in the browser tab's own `sessionStorage` as it is typed: per
conversation (the `session` in the address) for the chat box, per field key for Review's
fields. It is put back into its field when that field is drawn empty, or for a score when it
is drawn with another number (a Review field is then left, as if typed, so the server has it
again), and dropped once it is sent. A chat message sent is kept until the page shows it:
when the page stopped before the chat (the database down), it is the draft again. A score
changed with its + and − buttons fires no input event, so a shown score is also compared
with the last one seen. It never leaves the browser; a new tab starts clean, and switching
identity drops every draft (a security audit found a student's half-typed message left in
the tab for the next person).
"""

from __future__ import annotations

import json

from app_pages.page_script import inject

# Review's kept fields (by their widget key's prefix) and the button that sends each
FIELD_SUBMITS = {
    "override_reason_": "override_submit_",
    "override_score_": "override_submit_",
    "review_note_": "review_submit_",
}

_SCRIPT = """
const BOX = '[data-testid="stChatInputTextArea"]';
const SEND = '[data-testid="stChatInputSubmitButton"]';
const SUBMITS = SUBMITS_JSON;
const PREFIXES = Object.keys(SUBMITS);
const HOLDER = PREFIXES.map((p) => '[class*="st-key-' + p + '"]').join(', ');
const FIELDS = PREFIXES.map(
  (p) => '[class*="st-key-' + p + '"] textarea, [class*="st-key-' + p + '"] input').join(', ');
const store = win.sessionStorage;
const chatKey = () => {
  const session = new URLSearchParams(win.location.search).get('session');
  return session ? 'tl_draft:' + session : null;
};
const stKey = (holder) => {  // the widget's Streamlit key, from its st-key-… class
  const cls = holder && Array.from(holder.classList).find((c) => c.startsWith('st-key-'));
  return cls ? cls.slice('st-key-'.length) : '';
};
const fieldKey = (el) => {
  const k = el.matches && el.matches(FIELDS) ? stKey(el.closest(HOLDER)) : '';
  return k ? 'tl_field:' + k : null;
};
doc.addEventListener('input', (e) => {
  const k = e.target.matches && e.target.matches(BOX) ? chatKey() : fieldKey(e.target);
  if (!k) return;
  if (e.target.value) store.setItem(k, e.target.value); else store.removeItem(k);
}, true);
// sent, but kept until the page shows it (a bubble, or the page holding it to send again): a
// page stopped before the chat (the database down) puts it back as the draft
const sendingKey = (k) => k.replace('tl_draft:', 'tl_sending:');
const markSent = (text) => {
  const k = chatKey(); if (!k) return;
  store.removeItem(k);
  if (text.trim()) store.setItem(sendingKey(k), JSON.stringify({ text, at: Date.now() }));
};
const flat = (t) => t.replace(/\\s+/g, ' ').trim();  // a bubble's line breaks as shown
const userBubbles = () => Array.from(doc.querySelectorAll('[data-testid="stChatMessage"]'))
  .filter((m) => m.querySelector('[data-testid="stChatMessageAvatarUser"]'))
  .map((m) => flat(m.innerText));
const readSent = (k) => {  // the message sent, or null (an unreadable entry is dropped)
  const raw = store.getItem(sendingKey(k)); if (!raw) return null;
  let sent = null;
  try { sent = JSON.parse(raw); } catch (_) { /* not ours */ }
  if (sent && typeof sent.text === 'string') return sent;
  store.removeItem(sendingKey(k));
  return null;
};
const shownAsBubble = (sent) => userBubbles().some((t) => t.endsWith(flat(sent.text)));
const unshown = (k) => {
  const sent = readSent(k);
  // a box drawn again just after Enter comes before the run draws the message's bubble (a
  // loaded CI box put the message just sent back in the box, ahead of the next one typed)
  if (!sent || shownAsBubble(sent) || Date.now() - sent.at < 2000) return null;
  store.removeItem(sendingKey(k));
  return sent.text;
};
const settleSent = () => {
  const k = chatKey(); if (!k) return;
  const sent = readSent(k); if (!sent) return;
  if (shownAsBubble(sent) || doc.querySelector('.st-key-send_again, .st-key-retry')) {
    store.removeItem(sendingKey(k));  // stored, or the page holds it
  } else if (!doc.querySelector(BOX)) {
    if (!store.getItem(k)) store.setItem(k, sent.text);
    store.removeItem(sendingKey(k));
  } else if (Date.now() - sent.at > 60000) {
    store.removeItem(sendingKey(k));  // answered another way ("yes" to a question)
  }
};
doc.addEventListener('keydown', (e) => {
  if (e.target.matches && e.target.matches(BOX) && e.key === 'Enter' && !e.shiftKey
      && !e.isComposing && e.target.value.trim()) {
    markSent(e.target.value);
  }
}, true);
doc.addEventListener('click', (e) => {
  if (!e.target.closest) return;
  if (e.target.closest(SEND)) {
    const box = doc.querySelector(BOX);
    markSent(box ? box.value : '');
    return;
  }
  const key = stKey(e.target.closest('[class*="st-key-"]'));
  if ((key === 'send_again' || key === 'discard_unsent') && e.target.closest('button')) {
    const k = chatKey(); if (k) store.removeItem(k); return;  // the unsent message, sent or dropped
  }
  if (key === 'sign_out') {
    Object.keys(store).filter((k) => k.startsWith('tl_field:') || k.startsWith('tl_draft:')
      || k.startsWith('tl_sending:')).forEach((k) => store.removeItem(k));
    return;
  }
  for (const [field, submit] of Object.entries(SUBMITS)) {
    if (key.startsWith(submit) && e.target.closest('button')) {
      store.removeItem('tl_field:' + field + key.slice(submit.length));
    }
  }
}, true);
const put = (el, draft) => {
  const proto = el.tagName === 'TEXTAREA' ? win.HTMLTextAreaElement : win.HTMLInputElement;
  Object.getOwnPropertyDescriptor(proto.prototype, 'value').set.call(el, draft);
  el.dispatchEvent(new Event('input', { bubbles: true }));
};
setInterval(() => {  // once per field drawn: a field typed empty stays empty
  if (!doc.querySelector('[data-testid="stStatusWidget"]')) settleSent();
  const box = doc.querySelector(BOX);
  const k = chatKey();
  const running = doc.querySelector('[data-testid="stStatusWidget"]');
  // a message sent under 2 s ago is not judged yet (see unshown): look again next time,
  // rather than mark the box done with nothing put back (CI found the box left empty)
  const young = k && readSent(k) && Date.now() - readSent(k).at < 2000;
  if (box && k && box.dataset.tlDraftFor !== k && !running && !young) {
    box.dataset.tlDraftFor = k;
    // a message sent that the page never showed (the page stopped, on a loaded box, before
    // its stale chat was cleared away) is the draft too
    const draft = store.getItem(k) || unshown(k);
    // not while the page shows it as unsent (Send again / Discard): after a refresh it is back
    // in the box, where the server's note about it no longer is
    if (draft && !box.value && !doc.querySelector('.st-key-send_again')) put(box, draft);
  }
  // not while the page runs: the run's end redraws each kept field with the value the run
  // began with, over one just put back (and the score, taken as changed, was kept as that)
  if (doc.querySelector('[data-testid="stStatusWidget"]')) return;
  let sent = false;  // one field put back a look: two sent at once lost the second
  doc.querySelectorAll(FIELDS).forEach((el) => {
    const fk = fieldKey(el);
    // shown first: a field in a closed expander takes no focus, so it could not be sent
    if (!fk || !el.getClientRects().length) return;
    const number = el.type === 'number';
    if (el.dataset.tlDraftFor === fk) {
      if (number && el.value && el.value !== el.dataset.tlSeen) store.setItem(fk, el.value);
      el.dataset.tlSeen = el.value;
      return;
    }
    const draft = store.getItem(fk);
    const due = draft && !(number ? el.value === draft : el.value);
    if (due && sent) return;  // the next look puts it back
    el.dataset.tlDraftFor = fk;
    el.dataset.tlSeen = el.value;
    if (!due) return;
    sent = true;
    put(el, draft);
    el.dataset.tlSeen = draft;
    // sent as if typed and left: the server holds it again, and Override sends it. Left a
    // moment later, and once more after that: a field only sends on leaving once React has
    // drawn it changed, which a busy box took over 60 ms to do (the score showed the draft,
    // and the AI's score was stored); leaving a field already sent sends nothing
    const leave = () => {
      const was = doc.activeElement;
      if (was === el) return;  // the person is in it now
      el.focus({ preventScroll: true });
      el.blur();
      if (was && was !== doc.body && was.focus) was.focus({ preventScroll: true });
    };
    win.setTimeout(leave, 250);
    win.setTimeout(leave, 1000);
  });
}, 300);
""".replace("SUBMITS_JSON", json.dumps(FIELD_SUBMITS))


def keep_drafts() -> None:
    inject("tl_drafts", _SCRIPT)
