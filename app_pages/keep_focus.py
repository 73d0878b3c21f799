"""Keyboard focus survives a rerun.

A button or field pressed by keyboard starts a run that redraws the page, and the browser then
puts focus on the document's body: the next Tab starts again at the top of the sidebar (an
accessibility audit: after "Mark reviewed", "Track" or a dialog's Confirm, a keyboard user
was sent back to the start of the page). A small script in the page notes the control that had
focus, and when a redraw leaves focus on the body it puts it back on the same control (found
by its Streamlit key, or by its label when that is unique; for a menu's or a dialog's button,
the control that opened it), or, when that control is gone (a card dismissed, a chat started),
on the card of the next control still there (the next card, or the same card redrawn; the
card, not a button Enter would press), else the page's heading. It never takes focus from
anything that has it, leaves the chat's box to Streamlit and the draft keeper, does nothing
once the page changed (the sidebar link pressed keeps focus), and acts only within half a
minute of a key or a click.
"""

from __future__ import annotations

from app_pages.page_script import inject

_SCRIPT = """
const CONTROL = 'button, input, textarea, select, a[href], [tabindex]:not([tabindex="-1"])';
const MAIN = '[data-testid="stMain"]';
const WINDOW_MS = 30000;  // a run after the press may take this long (a report card)
const keyOf = (el) => {
  const holder = el.closest('[class*="st-key-"]');
  return holder ? Array.from(holder.classList).find((c) => c.startsWith('st-key-')) : null;
};
const labelOf = (el) => (el.getAttribute('aria-label') || el.innerText || '').trim();
// the keyed controls after `el` in the page, nearest first: where to go on when it is gone,
// so a keyboard user keeps their place in a long list (a dismissed card: the next card)
const after = (el) => {
  const all = Array.from(doc.querySelectorAll(MAIN + ' ' + 'button, input, textarea, select'));
  const at = all.indexOf(el);
  const keys = [];
  for (const c of all.slice(at + 1)) {
    const k = keyOf(c);
    if (k && !keys.includes(k)) keys.push(k);
    if (keys.length >= 12) break;
  }
  return keys;
};
let last = null;     // the control that had focus, as it can be found again after a redraw
let opener = null;   // the page's control a menu or dialog was opened from
let missing = 0;     // since when the control has not been found
let input = 0;       // the person's last key, click or touch
['keydown', 'mousedown', 'pointerdown', 'touchstart'].forEach((type) =>
  doc.addEventListener(type, () => { input = Date.now(); }, true));
const BOX = '[data-testid="stChatInputTextArea"]';
const note = (el) => {
  if (!el || el === doc.body || !el.matches || !el.matches(CONTROL)) return;
  // the chat's box is left to Streamlit and the draft keeper (app_pages/drafts.py), which puts a
  // message back in it: focus moved into it raced that on a loaded box (a sent message came
  // back into the box ahead of the next one typed)
  if (el.matches(BOX)) { last = null; opener = null; return; }
  const inMain = !!el.closest(MAIN) || !!el.closest('[data-testid="stSidebar"]');
  // a menu (a popover) or a dialog is drawn outside the page: remember what opened it
  if (inMain) opener = null;
  else if (last && last.inMain) opener = last;
  last = {key: keyOf(el), label: labelOf(el), tag: el.tagName, inMain,
    next: inMain ? after(el) : [], path: win.location.pathname, at: Date.now()};
  missing = 0;
};
doc.addEventListener('focusin', (e) => {
  // only where the person put focus: not a script's (a draft put back, this one's own)
  if (Date.now() - input <= 1000) note(e.target);
}, true);
// pressing is what starts the run: the control pressed, and the window runs from the press
const pressed = () => {
  const el = doc.activeElement;
  if (el && el !== doc.body && (!last || find(last) !== el)) note(el);
  else if (last) last.at = Date.now();
};
doc.addEventListener('keydown', pressed, true);
doc.addEventListener('click', pressed, true);
// a click on the page itself, not on a control, leaves focus where the person put it
doc.addEventListener('mousedown', (e) => {
  if (!(e.target.closest && e.target.closest(CONTROL))) { last = null; opener = null; }
}, true);
const find = (entry) => {
  if (!entry) return null;
  if (entry.key) {
    const holder = doc.querySelector('.' + CSS.escape(entry.key));
    return holder && (holder.matches(CONTROL) ? holder : holder.querySelector(CONTROL));
  }
  if (!entry.label) return null;
  const same = Array.from(doc.querySelectorAll(MAIN + ' ' + entry.tag))
    .filter((el) => labelOf(el) === entry.label);
  return same.length === 1 ? same[0] : null;
};
const shown = (el) => el && el.getClientRects().length > 0;
// a card: a keyed container around the control (a match, an application)
const cardOf = (el) => {
  for (let up = el.parentElement; up && up !== doc.body; up = up.parentElement) {
    if (up.dataset && up.dataset.testid === 'stVerticalBlock'
      && Array.from(up.classList).some((c) => c.startsWith('st-key-'))) return up;
  }
  return null;
};
const landing = (el) => {
  if (!el.hasAttribute('tabindex')) el.setAttribute('tabindex', '-1');
  return el;
};
// where to go on when the control is gone: the card of the next control still there (the
// next card in a list, or the same card redrawn with other buttons), never one of its
// buttons, which Enter would press; else the page's heading
const onward = (entry) => {
  for (const k of (entry && entry.next) || []) {
    const el = find({key: k});
    if (!shown(el)) continue;
    const card = cardOf(el);
    if (card) return landing(card);
    break;
  }
  const h = doc.querySelector(MAIN + ' h1');
  return h ? landing(h) : null;
};
let timer = null;
const later = (ms) => { clearTimeout(timer); timer = setTimeout(restore, ms); };
const restore = () => {
  const active = doc.activeElement;
  if (!last || (active && active !== doc.body)) return;
  if (Date.now() - last.at > WINDOW_MS) { last = null; opener = null; return; }
  // a run still going: wait for the page it leaves
  if (doc.querySelector('[data-testid="stStatusWidget"]')) return;
  // another page: the link pressed keeps focus, and the new page's own scripts (a draft put
  // back in the chat box) are not raced
  if (last.path !== win.location.pathname) { last = null; opener = null; return; }
  let target = find(last);
  if (!target && !last.inMain) target = find(opener);
  if (target && target.disabled) { later(300); return; }  // mid-run: it comes back
  if (!shown(target)) {
    // gone, or not drawn again yet: a control is redrawn a moment into a run, so it is
    // given up on only after a while without it
    if (!missing) missing = Date.now();
    if (Date.now() - missing < 700) { later(250); return; }
    target = onward(last.inMain ? last : opener);
  }
  if (!target) return;
  target.focus({preventScroll: true});
  if (doc.activeElement !== target) later(300);  // not focusable yet: try again
};
new MutationObserver(() => later(200)).observe(doc.body, {childList: true, subtree: true,
  attributes: true, attributeFilter: ['disabled']});
"""


def keep_focus() -> None:
    """Added once per page (app.py calls it every run, as it does the other page scripts)."""
    inject("tl_keep_focus", _SCRIPT)
