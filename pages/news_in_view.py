"""A question the coach asks in the chat (Confirm / Not now) is scrolled into view.

Inside the conversation's fragment the chat input is not docked to the window, so the page
grows with each exchange; on a phone, the question drawn under a long reply was below the
fold and the student saw only the reply. When its buttons first appear and are out of view,
the question's bubble is scrolled to; a student who scrolls up to read is not pulled back
while the same question waits.
"""

from __future__ import annotations

from pages.page_script import inject

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
