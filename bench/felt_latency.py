"""Felt latency of a chat turn, as a student sees it in Chromium: Enter pressed → the first
token of the coach's reply on screen, and → the whole reply with its assessment on screen.
Side by side with a bare `st.chat_input` echo app, started the same way (`streamlit run`),
that streams the same number of tokens our reply had.

Ours: the demo install (offline practice coach, offline scorer), one communication-coach
session, TURNS turns; each turn is timed in the page itself (a keydown listener and a
MutationObserver; the watch reads `textContent`, which needs no layout, where `innerText`
forced a reflow of the whole page on every mutation, a cost of the observer's that grew with
the page), so Playwright's own round trips are not counted. Goal (coaching-quality
issue): ours ≤ 1.5× the bare app for the whole reply and its assessment.
Last line: one JSON object with the figures and the verdict.
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Page, sync_playwright  # noqa: E402

from app_pages.render import WRITING  # noqa: E402
from db.runtime import stop_embedded  # noqa: E402
from tests.support.streamlit_app import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    demo_install,
    offline_env,
    open_signed_in,
    streamlit_app,
    wait_healthy,
)

TURNS = 8
WORDS_PER_CHUNK = 8  # as the offline coach streams (coach/offline_coach/model.py)
GOAL = 1.5
MESSAGES = [
    "A customer shouted at me because her refund was two weeks late.",
    "I said sorry, but she kept interrupting me.",
    "I think she wanted to know when the money would arrive.",
    "I will call her back at 3pm tomorrow with the refund date from finance.",
    "What should I say first when she picks up?",
    "I could say: I'm sorry this took so long, I have a date for you.",
    "She might still be angry. Then I would let her finish before I answer.",
    "Next time I will check the refund status before the call.",
]

BARE_APP = """import os
import streamlit as st

prompt = st.chat_input("Say something")
if prompt:
    n = int(open(os.environ["FELT_TOKENS_FILE"]).read())
    with st.chat_message("user"):
        st.write(prompt)
    with st.chat_message("assistant"):
        st.write_stream(f"{prompt}x{i} " for i in range(n))
"""

# Installed before each Enter: records when Enter went down, when `first` first holds and
# when `done` first holds, in the page's own clock.
WATCH = """([first, done]) => {
  const holds = (src) => new Function(src)();
  window.__felt = {t0: null, first: null, done: null};
  const check = () => {
    const f = window.__felt;
    if (f.t0 === null) return;
    const now = performance.now();
    if (f.first === null && holds(first)) f.first = now - f.t0;
    if (f.done === null && holds(done)) f.done = now - f.t0;
  };
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && window.__felt.t0 === null) window.__felt.t0 = performance.now();
  }, {capture: true, once: true});
  if (window.__observer) window.__observer.disconnect();
  window.__observer = new MutationObserver(check);
  window.__observer.observe(document.body,
    {childList: true, subtree: true, characterData: true, attributes: true});
}"""

MESSAGES_JS = "document.querySelectorAll('[data-testid=\"stChatMessage\"]')"
ASSESSED_JS = (
    "[...document.querySelectorAll('[data-testid=\"stExpander\"] summary')]"
    ".filter(s => s.textContent.includes('Assessment ·')).length"
)


def turn(page: Page, text: str, first: str, done: str) -> tuple[float, float]:
    page.evaluate(WATCH, [first, done])
    box = page.get_by_test_id("stChatInputTextArea")
    box.fill(text)
    box.press("Enter")
    page.wait_for_function("() => window.__felt.done !== null", timeout=60_000)
    felt: dict[str, Any] = page.evaluate("window.__felt")
    page.wait_for_timeout(300)  # let the page settle before the next turn
    return float(felt["first"] or felt["done"]), float(felt["done"])


def ours_turn(page: Page, text: str) -> tuple[float, float, int]:
    """Timings, and how many tokens the reply streamed in (the offline coach streams one
    to eight words at a time)."""
    shown = page.evaluate(f"{MESSAGES_JS}.length")
    assessed = page.evaluate(ASSESSED_JS)
    # the reply's first words, not the "The coach is writing…" shown until they come
    first = (
        f"const m = {MESSAGES_JS}; return m.length >= {shown + 2} "
        f"&& m[m.length - 1].textContent.replace({WRITING!r}, '').trim().length > 0;"
    )
    done = f"return {ASSESSED_JS} > {assessed};"
    first_ms, done_ms = turn(page, text, first, done)
    reply = page.evaluate(
        f"(() => {{ const m = {MESSAGES_JS}; const last = m[m.length - 1]; "
        "return last.querySelector('[data-testid=\"stMarkdownContainer\"]').innerText; })()"
    )
    return first_ms, done_ms, max(1, -(-len(str(reply).split()) // WORDS_PER_CHUNK))


def bare_turn(page: Page, text: str, tokens: int, tokens_file: Path) -> tuple[float, float]:
    tokens_file.write_text(str(tokens))
    has = "return document.body.textContent.includes({!r});"
    return turn(page, text, has.format(f"{text}x0"), has.format(f"{text}x{tokens - 1}"))


def main() -> None:
    if CHROMIUM is None:
        raise SystemExit("bench/felt_latency.py needs Chromium: apt-get install chromium")
    with tempfile.TemporaryDirectory(prefix="tl-felt-") as tmp:
        data_dir = Path(tmp) / "data"
        settings, handle = demo_install(data_dir)
        bare = Path(tmp) / "bare.py"
        bare.write_text(BARE_APP)
        tokens_file = Path(tmp) / "tokens"
        env = offline_env(TUITIONLIFT_DATA_DIR=str(data_dir), FELT_TOKENS_FILE=str(tokens_file))
        ours: list[tuple[float, float]] = []
        ref: list[tuple[float, float]] = []
        token_counts: list[int] = []
        try:
            with (
                streamlit_app(ROOT / "app.py", env) as (ours_base, ours_server),
                streamlit_app(bare, env) as (bare_base, bare_server),
                sync_playwright() as p,
            ):
                wait_healthy(ours_base, ours_server)
                wait_healthy(bare_base, bare_server)
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                view = {"width": 1280, "height": 900}
                ours_page = browser.new_context(viewport=view).new_page()
                bare_page = browser.new_context(viewport=view).new_page()
                open_signed_in(ours_page, ours_base, "/chat", handle)
                ours_page.locator(".st-key-start_communication_coach button").click()
                ours_page.get_by_test_id("stChatInputTextArea").wait_for()
                bare_page.goto(bare_base)
                bare_page.get_by_test_id("stChatInputTextArea").wait_for()
                for i, text in enumerate(MESSAGES[:TURNS]):  # interleaved: same machine state
                    first_ms, done_ms, tokens = ours_turn(ours_page, text)
                    ours.append((first_ms, done_ms))
                    token_counts.append(tokens)
                    ref.append(bare_turn(bare_page, f"m{i}", tokens, tokens_file))
                browser.close()
        finally:
            stop_embedded(settings)

    def median(values: list[float]) -> float:
        return round(statistics.median(values))

    r: dict[str, Any] = {
        "bench": "felt_latency",
        "turns": TURNS,
        "tokens_median": statistics.median(token_counts),
        "ours_first_token_ms": median([f for f, _ in ours]),
        "ours_reply_and_assessment_ms": median([d for _, d in ours]),
        "bare_first_token_ms": median([f for f, _ in ref]),
        "bare_reply_ms": median([d for _, d in ref]),
        "ours_last_turn_ms": round(ours[-1][1]),
    }
    r["ratio"] = round(r["ours_reply_and_assessment_ms"] / max(1, r["bare_reply_ms"]), 2)
    r["goal"] = f"<= {GOAL}x bare"
    r["ok"] = r["ratio"] <= GOAL
    print(f"{'turn':>6}{'ours first':>12}{'ours done':>11}{'bare first':>12}{'bare done':>11}")
    for i, ((of, od), (bf, bd)) in enumerate(zip(ours, ref, strict=True), 1):
        print(f"{i:>6}{of:>10.0f}ms{od:>9.0f}ms{bf:>10.0f}ms{bd:>9.0f}ms")
    print(json.dumps(r))


if __name__ == "__main__":
    main()
