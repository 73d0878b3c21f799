"""A sidebar click made while a text field still has focus reaches its page.

In Streamlit 1.67 with `st.navigation`, pressing a sidebar link blurs the focused text field;
the blur sends the field's value, which starts a run, and that run swallows the link's page
change: the coach who types an override reason and clicks "Learners" stays on Review (a bare
two-page app does the same). A click made after the field has been left works. So a small
script in the page notes a sidebar link pressed while a text field had focus, waits for the
run the blur started, and follows the link once it is done, unless the page already changed.
Nothing is lost on the way: the value the blur sent is in the run that finished first.
"""

from __future__ import annotations

from app_pages.page_script import inject

_SCRIPT = """
const NAV = '[data-testid="stSidebarNav"] a';
let pressed = null;
doc.addEventListener('mousedown', (e) => {
  const link = e.target.closest && e.target.closest(NAV);
  const field = doc.activeElement;
  // the chat box sends nothing on blur, so its link click is not swallowed
  const typing = field && (field.tagName === 'TEXTAREA' || field.tagName === 'INPUT')
    && !field.closest('[data-testid="stChatInput"]');
  pressed = link && typing ? link.getAttribute('href') : null;
}, true);
// On a phone the open sidebar covers the page: after a link is followed it closes, as a
// phone's menu does (a phone audit: the page switched behind a sidebar that stayed open)
doc.addEventListener('click', (e) => {
  const link = e.target.closest && e.target.closest(NAV);
  if (!link || win.innerWidth > 640) return;
  const target = new URL(link.href, win.location.href).pathname;
  const started = Date.now();
  const close = () => {
    const button = doc.querySelector('[data-testid="stSidebarCollapseButton"] button');
    if (win.location.pathname !== target && Date.now() - started < 5000) {
      setTimeout(close, 100);
      return;
    }
    if (button) button.click();
  };
  setTimeout(close, 150);
});
doc.addEventListener('click', (e) => {
  const link = e.target.closest && e.target.closest(NAV);
  const href = pressed;
  pressed = null;
  if (!link || href === null || link.getAttribute('href') !== href) return;
  const target = new URL(link.href, win.location.href).pathname;
  const started = Date.now();
  const follow = () => {
    if (win.location.pathname === target) return;
    const running = doc.querySelector('[data-testid="stStatusWidget"]');
    if (running && Date.now() - started < 10000) { setTimeout(follow, 100); return; }
    const again = Array.from(doc.querySelectorAll(NAV)).find(
      (a) => a.getAttribute('href') === href);
    if (again) again.click();
  };
  setTimeout(follow, 300);
}, true);
"""


def steady_navigation() -> None:
    inject("tl_steady_nav", _SCRIPT)
