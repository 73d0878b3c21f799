"""Text written by a student or a model, made inert before Streamlit renders it.

Every page shows such text through this module, so no one's words can make a viewer's
browser fetch or open a stranger's URL (a remote image, a link, an autolinked address).

What Streamlit 1.67's st.markdown does, checked in Chromium: raw HTML (`<img>`, `<a>`, comments)
is shown as text, `[x](javascript:…)` gets `href="#"`, but markdown images are fetched, links
and `<https://…>` autolinks are live, and GFM autolinks bare `https://…`, `www.…` and emails
*after* backslash escapes are resolved, so escaping `:` `.` `@` does not stop them. An invisible
U+200B inside the pattern (after `https:`, after `www`, after the `@`) does, in prose and in
code alike, so safety here never depends on telling code from prose.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

import streamlit as st

if TYPE_CHECKING:
    from streamlit.delta_generator import DeltaGenerator

# Links to these hosts (exact host names, http/https only) may stay links. None by default.
ALLOWED_LINK_HOSTS: frozenset[str] = frozenset()

ZWSP = "\u200b"
_NBSP = "\u00a0"

_ASCII_PUNCTUATION = re.compile(r"""([!"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])""")
# Only the point where each address starts: a greedy match would swallow a second address.
_URL = re.compile(r"(https?:)(?=(//[^\s<>]*))", re.IGNORECASE)
_WWW = re.compile(r"(www)(?=(\.[^\s<>]*))", re.IGNORECASE)
_EMAIL_AT = re.compile(r"(?<=[-.\w+])@(?=[-\w])")
# `](`, `][`, `]:` start every inline, reference and definition link or image; `<` + letter
# starts every raw HTML tag and `<scheme:…>` autolink.
_LINK_SYNTAX = re.compile(r"(\])(?=[(\[:])|(<)(?=[A-Za-z/!?])")

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})[^\n]*\n.*?(?:^ {0,3}\1[`~]*[ \t]*$|\Z)", re.M | re.S)
_CODE_SPAN = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)", re.S)
_DESTINATION = (
    r"\(\s*<?([^\s()<>]*(?:\([^\s()]*\)[^\s()<>]*)*)>?(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)"
)
_IMAGE = re.compile(r"!\[([^\[\]]*)\]" + _DESTINATION)
_LINK = re.compile(r"\[([^\[\]]*)\]" + _DESTINATION)
_ALLOWED_SHAPE = re.compile(
    r"(?:https?://)?([a-z0-9.-]+)(?::[0-9]+)?(?:[/?#]|$|(?=[)\],;!'\"*_~]))", re.IGNORECASE
)


def _hosts(allowed: frozenset[str] | None) -> frozenset[str]:
    return ALLOWED_LINK_HOSTS if allowed is None else allowed


def _host_allowed(url: str, allowed: frozenset[str]) -> bool:
    """Strict on purpose: anything a browser might read as another host (`@`, `\\`, odd
    characters) is not allowed, so the address stays plain text."""
    if not allowed:
        return False
    m = _ALLOWED_SHAPE.match(url)
    return m is not None and m.group(1).lower() in allowed


def break_autolinks(text: str, allowed: frozenset[str] | None = None) -> str:
    """Puts an invisible U+200B inside every web address and email GFM would turn into a
    link (markdown escapes cannot stop that), unless the address is on an allowed host."""
    hosts = _hosts(allowed)

    def mark(m: re.Match[str]) -> str:
        start = m.group(1)
        return start if _host_allowed(start + m.group(2), hosts) else start + ZWSP

    text = _URL.sub(mark, text)
    text = _WWW.sub(mark, text)
    return _EMAIL_AT.sub("@" + ZWSP, text)


def _keep_spacing(line: str) -> str:
    """Spaces HTML would collapse (leading, repeated, tabs) become no-break spaces; an empty
    line gets one so it stays a line instead of ending the paragraph."""
    line = line.replace("\t", _NBSP * 4)
    line = re.sub(r"^ +", lambda m: _NBSP * len(m.group(0)), line)
    line = re.sub(r"(?<= ) ", _NBSP, line)
    line = re.sub(r"(?<=\u00a0) ", _NBSP, line)
    return line or _NBSP


# Streamlit's markdown turns a free-standing `->` `<-` `<->` `--` `>=` `<=` `~=` into a
# symbol (→ ← ↔ — ≥ ≤ ≈) in the text itself, after escapes: a word joiner between the two
# characters keeps what was typed.
_TYPOGRAPHY = re.compile(r"(?<=[-<>~])(?=[->=])")
WORD_JOINER = "\u2060"


def inert_text(text: str, allowed: frozenset[str] | None = None) -> str:
    """Markdown source that displays exactly the characters typed: every markdown character
    escaped, addresses not autolinked, arrows and dashes not made symbols, every line break
    and run of spaces kept."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _TYPOGRAPHY.sub(WORD_JOINER, text)
    escaped = _ASCII_PUNCTUATION.sub(r"\\\1", break_autolinks(text, allowed))
    return "  \n".join(_keep_spacing(line) for line in escaped.split("\n"))


def _plain_links(prose: str, hosts: frozenset[str]) -> list[tuple[str, bool]]:
    """Images become their alt text and links "text (url)"; a link to an allowed host is
    kept and marked (True) so the breaker leaves its syntax alone."""
    prose = _IMAGE.sub(lambda m: m.group(1), prose)
    pieces: list[tuple[str, bool]] = []
    last = 0
    for m in _LINK.finditer(prose):
        before = prose[last : m.start()]
        label, url = m.group(1), m.group(2)
        if "://" in url and _host_allowed(url, hosts):
            pieces.append((before + (ZWSP if before.endswith("!") else ""), False))
            pieces.append((f"[{_break_syntax(label, hosts)}]({url})", True))
        else:
            shown = f"{label} ({url})" if label.strip() and label != url else url
            pieces.append((before + (shown if url else label), False))
        last = m.end()
    pieces.append((prose[last:], False))
    return pieces


def _outside_code(text: str) -> list[tuple[str, bool]]:
    """(chunk, is_code). Only tidies links and images outside code; a wrong guess here costs
    looks, never safety, since the breaker runs over code too."""
    chunks: list[tuple[str, bool]] = []
    last = 0
    for fence in _FENCE.finditer(text):
        chunks.extend(_spans(text[last : fence.start()]))
        chunks.append((fence.group(0), True))
        last = fence.end()
    chunks.extend(_spans(text[last:]))
    return chunks


def _spans(text: str) -> list[tuple[str, bool]]:
    chunks: list[tuple[str, bool]] = []
    last = 0
    for span in _CODE_SPAN.finditer(text):
        chunks.append((text[last : span.start()], False))
        chunks.append((span.group(0), True))
        last = span.end()
    chunks.append((text[last:], False))
    return chunks


def _break_syntax(text: str, hosts: frozenset[str]) -> str:
    return _LINK_SYNTAX.sub(
        lambda m: (m.group(1) or m.group(2)) + ZWSP, break_autolinks(text, hosts)
    )


# Outside code, two things Streamlit's markdown adds that model text never means: a formula
# between dollar signs ("$5,000 or $10,000" set as maths) and a `:red[…]` colour directive.
_DOLLAR = re.compile(r"(?<!\\)\$")
# `:red[RED]`: the colon broken and the bracket escaped, so the word inside stays (an audit
# saw ":​red" with "RED" gone)
_DIRECTIVE = re.compile(r":([A-Za-z][\w-]*)\[")


def _plain_prose(prose: str) -> str:
    return _DIRECTIVE.sub(lambda m: f":{ZWSP}{m.group(1)}\\[", _DOLLAR.sub(r"\\$", prose))


# A model's "# Heading" was an h1 inside a chat bubble, a second h1 in the page's outline: a
# heading in model text is shown as a bold line of its own.
_ATX = re.compile(r"^ {0,3}#{1,6}(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$", re.M)
_SETEXT = re.compile(r"^([^\n]*\S[^\n]*)\n {0,3}(?:=+|-+)[ \t]*$", re.M)


def _bold_line(m: re.Match[str]) -> str:
    title = (m.group(1) or "").strip()
    if title.startswith(("-", "*", "+", ">", "|")):  # a list item or quote over a rule
        return m.group(0)
    return f"**{title}**\n" if title else ""  # a paragraph of its own


def _headings_as_bold(text: str) -> str:
    out, last = [], 0
    for fence in _FENCE.finditer(text):
        out.append(_ATX.sub(_bold_line, _SETEXT.sub(_bold_line, text[last : fence.start()])))
        out.append(fence.group(0))
        last = fence.end()
    out.append(_ATX.sub(_bold_line, _SETEXT.sub(_bold_line, text[last:])))
    return "".join(out)


def inert_markdown(text: str, allowed: frozenset[str] | None = None) -> str:
    """Model text keeps harmless formatting (emphasis, lists, code, tables; a heading as a
    bold line) while
    images become their alt text, links plain "text (url)", raw HTML visible text, and no
    address is autolinked, so nothing in it can make the browser fetch or navigate."""
    hosts = _hosts(allowed)
    out: list[str] = []
    text = _headings_as_bold(text.replace("\r\n", "\n").replace("\r", "\n"))
    for chunk, is_code in _outside_code(text):
        if is_code:
            out.append(_break_syntax(chunk, hosts))
            continue
        for piece, kept_link in _plain_links(chunk, hosts):
            out.append(piece if kept_link else _plain_prose(_break_syntax(piece, hosts)))
    return "".join(out)


def show_error(error: object, *, icon: str | None = None) -> None:
    """A refusal's words, inert: one can quote a scholarship's title or another coach's note
    (a security audit's snooze refusal loaded the image in a tracked listing's title)."""
    st.error(inert_markdown(str(error)), icon=icon)


def show_text(text: str) -> None:
    """A student's words exactly as typed."""
    st.markdown(inert_text(text))


def show_markdown(text: str) -> None:
    """A model's reply or feedback, formatted but inert."""
    st.markdown(inert_markdown(text))


FRAME_S = 0.04  # redraw a streaming reply at most 25 times a second


class Pacer:
    """When a streaming reply is redrawn. Every redraw resends the whole text, and a burst of
    tokens would otherwise queue redraws the browser must work through before the reply is
    complete: so the first token shows at once, later ones at most once a frame, and what is
    held back as soon as an empty token says the model is done (graph.chat.REPLY_COMPLETE),
    not after the round is scored."""

    def __init__(self, frame_s: float = FRAME_S) -> None:
        self.frame_s = frame_s
        self.text = ""
        self._shown = ""
        self._last = 0.0

    def feed(self, token: str, now: float) -> str | None:
        """The text to draw now, if any."""
        self.text += token
        if self.text == self._shown:
            return None
        if token and self._shown and now - self._last < self.frame_s:
            return None
        self._shown, self._last = self.text, now
        return self.text

    def rest(self) -> str | None:
        """What is still held back when the stream ends."""
        return self.text if self.text != self._shown else None


WRITING = "The coach is writing…"


def show_stream(
    tokens: Iterable[str],
    placeholder: DeltaGenerator | None = None,
    on_complete: Callable[[], None] | None = None,
) -> str:
    """Streams a reply inert into `placeholder` (an `st.empty`; a new one by default), paced
    by `Pacer`. Each redraw makes the whole text so far inert again, so a link or address
    split across tokens is still caught (st.write_stream would render it live).
    `on_complete` runs once the model is done, while the round is still being scored."""
    placeholder = placeholder if placeholder is not None else st.empty()
    # until the first words: an audit with a slow model sat before an empty bubble for 17 s
    placeholder.caption(WRITING)
    pacer = Pacer()
    for token in tokens:
        if (text := pacer.feed(token, time.perf_counter())) is not None:
            placeholder.markdown(inert_markdown(text))
        if not token and on_complete is not None:
            on_complete()
            on_complete = None
    if (text := pacer.rest()) is not None:
        placeholder.markdown(inert_markdown(text))
    return pacer.text
