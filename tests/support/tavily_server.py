"""A Tavily /search server on loopback, so TavilySearch is tested over real HTTP through the
real tavily-python client instead of a patched one.

It answers `POST /search` as Tavily does: a bearer key checked first (401 with Tavily's
`{"detail": {"error": ...}}` body), then the mode's answer: "ok" (a `results` list built
from the scripted hits), "timeout" (no answer for longer than any test's client timeout),
"401", "429" (usage limit), "500", and "garbage" (a 200 whose body is not JSON). Modes are a
queue consumed in order, then `default`. Every request body is recorded, so a test can see
exactly what left the process.
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections import deque
from typing import Any, Literal

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from tests.support.serving import Serving

Mode = Literal["ok", "timeout", "401", "429", "500", "garbage"]
API_KEY = "tvly-test-key"

DEFAULT_HITS: list[dict[str, Any]] = [
    {
        "title": "Federal Pell Grant | Federal Student Aid",
        "url": "https://studentaid.gov/understand-aid/types/grants/pell",
        "content": "Federal Pell Grants are awarded to undergraduate students who display "
        "exceptional financial need. Apply with the FAFSA form.",
        "score": 0.93,
    },
    {
        "title": "TEXAS Grant Program | College For All Texans",
        "url": "https://www.collegeforalltexans.com/texasgrant",
        "content": "State grant for Texas residents with financial need attending public "
        "colleges and universities in Texas.",
        "score": 0.88,
    },
    {
        "title": "Claim your guaranteed $5,000 scholarship now",
        "url": "http://free-money-scholarships.example/claim",
        "content": "Congratulations, you have been selected! Pay a small $25 processing fee "
        "and send your bank account details within 24 hours.",
        "score": 0.51,
    },
]


class TavilyServer:
    def __init__(self, hits: list[dict[str, Any]] | None = None, *, hang_s: float = 5.0) -> None:
        self.hits = hits if hits is not None else DEFAULT_HITS
        self.hang_s = hang_s
        self.default: Mode = "ok"
        self.modes: deque[Mode] = deque()
        self.requests: list[dict[str, Any]] = []
        self._lock = threading.Lock()
        self.app = Starlette(routes=[Route("/search", self.search, methods=["POST"])])
        self._serving: Serving | None = None

    @property
    def url(self) -> str:
        assert self._serving is not None
        return f"http://127.0.0.1:{self._serving.port}"

    @property
    def queries(self) -> list[str]:
        return [str(r.get("query")) for r in self.requests]

    def script(self, *modes: Mode, default: Mode | None = None) -> None:
        with self._lock:
            self.modes.extend(modes)
            if default is not None:
                self.default = default

    def __enter__(self) -> TavilyServer:
        self._serving = Serving(self.app, "tavily server")
        return self

    def __exit__(self, *exc: object) -> None:
        if self._serving is not None:
            self._serving.stop()

    def _next(self) -> Mode:
        with self._lock:
            return self.modes.popleft() if self.modes else self.default

    async def search(self, request: Request) -> Response:
        raw = await request.body()
        try:
            body = json.loads(raw)
        except ValueError:
            return JSONResponse({"detail": {"error": "Invalid JSON body"}}, status_code=400)
        with self._lock:
            self.requests.append(body)
        if request.headers.get("authorization") != f"Bearer {API_KEY}":
            return _error(401, "Unauthorized: missing or invalid API key.")
        mode = self._next()
        if mode == "timeout":
            await asyncio.sleep(self.hang_s)
            mode = "ok"
        if mode == "401":
            return _error(401, "Unauthorized: missing or invalid API key.")
        if mode == "429":
            return _error(429, "Your request has been blocked due to excessive requests.")
        if mode == "500":
            return _error(500, "Internal server error")
        if mode == "garbage":
            return Response("<html><body>upstream proxy error</body></html>", status_code=200)
        limit = int(body.get("max_results") or 5)
        return JSONResponse(
            {
                "query": body.get("query"),
                "answer": None,
                "images": [],
                "results": [{**hit, "raw_content": None} for hit in self.hits[:limit]],
                "response_time": 0.01,
            }
        )


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"detail": {"error": message}}, status_code=status)
