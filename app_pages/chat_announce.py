"""A chat reply and its score, said to a screen reader.

An accessibility audit sent a message by keyboard: the reply and "Assessment · 5/10" appeared
with nothing announced, since focus stays in the message box and Streamlit's chat has no live
region; hearing the score took two Shift+Tabs to a closed expander. A small script in the page
keeps one polite live region of its own (outside Streamlit's tree, so a rerun does not replace
it) and, once a message is sent from the box, waits for the next assessment to appear, then
says there that the coach replied and what the answer scored ("The coach replied. Assessment:
5 out of 10."); the reply itself is the message right above the box. Nothing is said on
opening a session, and the words are cleared once said, so they never stand in for the page.
"""

from __future__ import annotations

from app_pages.page_script import inject

_SCRIPT = r"""
const live = doc.createElement('div');
live.id = 'tl-live';
live.setAttribute('role', 'log');
live.setAttribute('aria-live', 'polite');
live.style.cssText = 'position:absolute;width:1px;height:1px;overflow:hidden;'
  + 'clip:rect(0 0 0 0);white-space:nowrap;';
doc.body.appendChild(live);
// textContent, not innerText: innerText lays the page out on every mutation of a streaming
// reply (bench/felt_latency.py found that cost in its own watch)
const assessments = () => Array.from(doc.querySelectorAll(
  '[data-testid="stExpander"] summary [data-testid="stMarkdownContainer"]'))
  .map((s) => (s.textContent || '').trim())
  .filter((t) => /^Assessment\b/.test(t));
let waiting = 0;  // when a message was sent; 0: nothing to say
let before = 0;
const sent = () => { waiting = Date.now(); before = assessments().length; };
doc.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && !e.shiftKey && e.target.closest('[data-testid="stChatInput"]')) sent();
}, true);
doc.addEventListener('click', (e) => {
  if (e.target.closest('[data-testid="stChatInputSubmitButton"]')) sent();
}, true);
new MutationObserver(() => {
  if (!waiting) return;
  if (Date.now() - waiting > 120000) { waiting = 0; return; }
  const now = assessments();
  const last = now[now.length - 1];
  if (now.length <= before || !last || /pending/i.test(last)) return;
  waiting = 0;
  // "Assessment · 5/10" said as words: "Assessment: 5 out of 10"
  const score = last.replace(/\s*·\s*/, ': ').replace(/\s*·\s*/g, ', ')
    .replace(/(\d+)\/10/g, '$1 out of 10');
  live.textContent = '';
  setTimeout(() => { live.textContent = 'The coach replied. ' + score + '.'; }, 50);
  setTimeout(() => { live.textContent = ''; }, 15000);
}).observe(doc.body, {childList: true, subtree: true, characterData: true});
"""


def announce_replies() -> None:
    inject("tl_announce", _SCRIPT)
