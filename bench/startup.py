"""Cold start as a person meets it: `streamlit run app.py` with the embedded Postgres stopped,
to healthy (`/_stcore/health`), then to the first page fully rendered for a signed-in student
in Chromium. Side by side with a bare one-page Streamlit app started and opened the same way.

Goal (structure-and-shell issue): ours <= 10 s to healthy and <= 2 s from healthy to
rendered. Chromium is launched before the clock starts: its own start is not the app's.
Last line: one JSON object with the figures and the verdict.
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Browser, sync_playwright  # noqa: E402

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

RUNS = 3
BARE_APP = 'import streamlit as st\n\nst.title("Bare app")\nst.write("Rendered.")\n'


def cold_start(
    browser: Browser,
    script: Path,
    env: dict[str, str],
    path: str,
    rendered: Callable[[object], None],
    before: Callable[[], None] = lambda: None,
    handle: str | None = None,
) -> tuple[float, float]:
    """Seconds to healthy, and from healthy to the page rendered."""
    before()
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.set_default_timeout(60_000)
    started = time.perf_counter()
    try:
        with streamlit_app(script, env) as (base, server):
            wait_healthy(base, server)
            healthy = time.perf_counter()
            if handle is None:
                page.goto(base + path)
            else:
                open_signed_in(page, base, path, handle)
            rendered(page)
            done = time.perf_counter()
    finally:
        page.context.close()
    return healthy - started, done - healthy


def main() -> None:
    if CHROMIUM is None:
        raise SystemExit("bench/startup.py needs Chromium: apt-get install chromium")
    with tempfile.TemporaryDirectory(prefix="tl-startup-") as tmp:
        data_dir = Path(tmp) / "data"
        settings, handle = demo_install(data_dir)  # what `make run` sets up before the app
        bare = Path(tmp) / "bare.py"
        bare.write_text(BARE_APP)
        env = offline_env(TUITIONLIFT_DATA_DIR=str(data_dir))

        def stop() -> None:
            stop_embedded(settings)

        def ours_rendered(page: object) -> None:
            page.get_by_text("Continue where you left off").wait_for()  # type: ignore[attr-defined]
            page.get_by_text("Maya Torres").first.wait_for()  # type: ignore[attr-defined]
            page.locator(".st-key-home_start_scholarship_coach").wait_for()  # type: ignore[attr-defined]

        def bare_rendered(page: object) -> None:
            page.get_by_text("Rendered.").wait_for()  # type: ignore[attr-defined]

        ours: list[tuple[float, float]] = []
        ref: list[tuple[float, float]] = []
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            cold_start(browser, bare, env, "/", bare_rendered)  # warm the OS file cache
            for _ in range(RUNS):  # interleaved, so both see the same machine
                ours.append(
                    cold_start(browser, ROOT / "app.py", env, "/", ours_rendered, stop, handle)
                )
                ref.append(cold_start(browser, bare, env, "/", bare_rendered))
            browser.close()
        stop()

    r: dict[str, object] = {
        "bench": "startup",
        "runs": RUNS,
        "ours_to_healthy_s": round(statistics.median(h for h, _ in ours), 2),
        "ours_healthy_to_rendered_s": round(statistics.median(d for _, d in ours), 2),
        "bare_to_healthy_s": round(statistics.median(h for h, _ in ref), 2),
        "bare_healthy_to_rendered_s": round(statistics.median(d for _, d in ref), 2),
    }
    r["ok"] = bool(
        float(r["ours_to_healthy_s"]) <= 10.0  # type: ignore[arg-type]
        and float(r["ours_healthy_to_rendered_s"]) <= 2.0  # type: ignore[arg-type]
    )
    print(f"{'':>8}{'to healthy':>14}{'healthy to rendered':>22}")
    print(f"{'ours':>8}{r['ours_to_healthy_s']:>13}s{r['ours_healthy_to_rendered_s']:>21}s")
    print(f"{'bare':>8}{r['bare_to_healthy_s']:>13}s{r['bare_healthy_to_rendered_s']:>21}s")
    print(json.dumps(r))


if __name__ == "__main__":
    main()
