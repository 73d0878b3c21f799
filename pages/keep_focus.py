"""Keyboard focus survives a rerun.

A button or field pressed by keyboard starts a run that redraws the page, and the browser then
puts focus on the document's body: the next Tab starts again at the top of the sidebar (an
accessibility audit: after "Mark reviewed", "Track" or a dialog's Confirm, a keyboard user
was sent back to the start of the page). A small script in the page notes the control that had
focus, and when a redraw leaves focus on the body it puts it back on the same control (found
by its Streamlit key, or by its label when that is unique), or, when that control is gone (a
card dismissed, a chat started) or the page changed, on the chat's box or else the page's
heading, so the next key goes on from the content. It never takes focus from anything that
has it (a sidebar link pressed keeps it), and only just after an action.
"""

from __future__ import annotations

from pages.page_script import inject

_SCRIPT = """
const CONTROL = 'button, input, textarea, select, a[href], [tabindex]:not([tabindex="-1"])';
let last = null;
doc.addEventListener('focusin', (e) => {
  const el = e.target;
  if (!el || el === doc.body || !el.closest('[data-testid="stApp"]')) return;
  const holder = el.closest('[class*="st-key-"]');
  const key = holder ? Array.from(holder.classList).find((c) => c.startsWith('st-key-')) : null;
  const label = (el.getAttribute('aria-label') || el.innerText || '').trim();
  last = {key, label, tag: el.tagName, path: win.location.pathname, at: Date.now()};
}, true);
// a click on the page itself, not on a control, leaves focus where the person put it
doc.addEventListener('mousedown', (e) => {
  if (!(e.target.closest && e.target.closest(CONTROL))) last = null;
}, true);
const usable = (el) => el && !el.disabled && el.offsetParent !== null;
// where to go on when the control is gone: the chat's box (a session just started there),
// else the page's heading
const onward = () => {
  const box = doc.querySelector('[data-testid="stChatInputTextArea"]');
  if (usable(box)) return box;
  const h = doc.querySelector('[data-testid="stMain"] h1');
  if (!h) return null;
  if (!h.hasAttribute('tabindex')) h.setAttribute('tabindex', '-1');
  return h;
};
const restore = () => {
  const active = doc.activeElement;
  if (!last || (active && active !== doc.body)) return;
  if (Date.now() - last.at > 15000) { last = null; return; }
  // a dialog open or a run still going: wait for the page it leaves
  if (doc.querySelector('[data-testid="stStatusWidget"]')) return;
  let target = null;
  if (last.path === win.location.pathname) {
    if (last.key) {
      const holder = doc.querySelector('.' + CSS.escape(last.key));
      target = holder && (holder.matches(CONTROL) ? holder : holder.querySelector(CONTROL));
    } else if (last.label) {
      const same = Array.from(doc.querySelectorAll('[data-testid="stMain"] ' + last.tag))
        .filter((el) => (el.getAttribute('aria-label') || el.innerText || '').trim()
          === last.label);
      if (same.length === 1) target = same[0];
    }
  }
  if (!usable(target)) target = onward();
  if (target) {
    target.focus({preventScroll: true});
    last = null;
  }
};
let timer = null;
new MutationObserver(() => {
  clearTimeout(timer);
  timer = setTimeout(restore, 200);
}).observe(doc.body, {childList: true, subtree: true, attributes: true,
  attributeFilter: ['disabled']});
"""


def keep_focus() -> None:
    """Added once per page (app.py calls it every run, as it does the other page scripts)."""
    inject("tl_keep_focus", _SCRIPT)
