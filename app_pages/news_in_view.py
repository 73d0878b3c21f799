"""A question the coach asks in the chat (Confirm / Not now) is scrolled into view, and so is
the reply to a message just sent, with the box under it.

Inside the conversation's fragment the chat input is not docked to the window, so the page
grows with each exchange; on a phone, the question drawn under a long reply was below the
fold and the student saw only the reply. When its buttons first appear and are out of view,
the question's bubble is scrolled to; a student who scrolls up to read is not pulled back
while the same question waits.

The same unpinned box was pushed below the window by every reply (an accessibility audit: at
1280x800 the box sat at y=1019 after one exchange, and at 200% zoom a keyboard user typed
into a box they could not see). After a send, the page follows the reply as it streams, box
and all, for a while; scrolling up to read (wheel, touch, PageUp) stops the following.
"""

from __future__ import annotations

from app_pages.page_script import inject

_SCRIPT = """
const BUTTON = '.st-key-news_confirm button';
let shown = false;
let queued = false;
const look = () => {
  queued = false;
  const button = doc.querySelector(BUTTON);
  if (!button) { shown = false; return; }
  if (shown) return;
  shown = true;
  const r = button.getBoundingClientRect();
  if (r.top >= 0 && r.bottom <= win.innerHeight) return;
  const bubble = button.closest('[data-testid="stChatMessage"]') || button;
  bubble.scrollIntoView({ block: 'center' });
};
const later = () => { if (!queued) { queued = true; win.requestAnimationFrame(look); } };
new win.MutationObserver(later).observe(doc.body, { childList: true, subtree: true });
later();
"""


def keep_news_in_view() -> None:
    inject("tl_news_in_view", _SCRIPT)


_FOLLOW = """
const BOX = '[data-testid="stChatInputTextArea"]';
const INPUT = '[data-testid="stChatInput"]';
const SEND = '[data-testid="stChatInputSubmitButton"]';
let following = 0;  // until when (ms) a send is followed: its reply, scored and redrawn
let queued = false;
const follow = () => { following = Date.now() + 20000; later(); };
const stop = () => { following = 0; };
const look = () => {
  queued = false;
  if (Date.now() > following) return;
  const input = doc.querySelector(INPUT);
  if (!input) return;
  const r = input.getBoundingClientRect();
  if (r.bottom > win.innerHeight || r.top < 0) input.scrollIntoView({ block: 'end' });
};
const later = () => { if (!queued) { queued = true; win.requestAnimationFrame(look); } };
doc.addEventListener('keydown', (e) => {
  if (e.target.matches && e.target.matches(BOX) && e.key === 'Enter' && !e.shiftKey
      && !e.isComposing && e.target.value.trim()) follow();
}, true);
doc.addEventListener('click', (e) => {
  if (!e.target.closest) return;
  if (e.target.closest(SEND)) follow();
  else if (e.target.closest('button')) stop();  // End session, Resume…: their own place
}, true);
const quiet = { capture: true, passive: true };
doc.addEventListener('wheel', (e) => { if (e.deltaY < 0) stop(); }, quiet);
doc.addEventListener('touchmove', stop, quiet);
doc.addEventListener('keydown', (e) => {  // reading back by keyboard
  const up = e.key === 'ArrowUp' && !e.target.matches(BOX);
  if (['PageUp', 'Home'].includes(e.key) || up) stop();
}, true);
const all = { childList: true, subtree: true, characterData: true };
new win.MutationObserver(later).observe(doc.body, all);
"""


def keep_reply_in_view() -> None:
    inject("tl_reply_in_view", _FOLLOW)
