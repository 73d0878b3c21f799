"""An OpenAI-compatible Chat Completions server on loopback, so the coach's model calls are
tested over real HTTP through the real openai SDK and ChatOpenAI instead of a patched model.

It answers `POST /v1/chat/completions` the way the API does: an SSE stream of
`chat.completion.chunk` events ending in `data: [DONE]` when the body says `stream: true`,
otherwise one `chat.completion` JSON. A request carrying `response_format` (json_schema or
json_object) or a forced tool choice is a structured-output ("judge") request: it is answered
with the scripted judge answer as JSON message content, or as a tool call when the client
asked for tool calling; an answer that names no dimensions gets a verdict for every dimension
the request's schema allows, as a model held to that schema would give. Strict json_schema
formats are checked the way OpenAI checks them (every object needs `additionalProperties:
false` and every property required), so a schema the real API would refuse with a 400 is
refused here too.

Chat and judge requests each follow their own script: a queue of steps consumed in order,
then a default step. Steps are "ok", "500" (OpenAI's server_error JSON), "429" (a rate
limit), "quota" (the 429 of an account out of credit: insufficient_quota), "timeout" (no answer
for longer than any test's client timeout), "stall" (a stream that sends a few tokens, then
goes quiet), "malformed" (a 200 whose body is broken JSON / a broken SSE event), and the
ways a stream ends short: "truncated" (a few tokens, then the connection closes: no finish
reason, no [DONE]), "no_finish" (every token and [DONE], but no finish reason), "cut" (a
few tokens, then half an event) and "empty" (a complete stream with no content).
Error responses carry `retry-after-ms`, which the SDK honours: retries stay as many as
configured, but do not wait out the SDK's default backoff. Every request is recorded.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import re
import threading
import time
from collections import deque
from collections.abc import AsyncIterator, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, get_args

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from tests.support.serving import Serving
from tests.support.structured_output import (
    following,
    request_schema,
    strict_schema_problem,
    structured_request,
)

Kind = Literal[
    "ok",
    "500",
    "429",
    "quota",
    "timeout",
    "stall",
    "malformed",
    "truncated",
    "no_finish",
    "cut",
    "empty",
]
KINDS: frozenset[str] = frozenset(get_args(Kind))

DEFAULT_REPLY = (
    "Thanks for sharing that. Start by naming what the customer felt, then say what you "
    "will do next and by when."
)
DEFAULT_JUDGE: dict[str, Any] = {
    "score": 7,
    "feedback": "Clear and specific; next time name the date you will follow up.",
    "dimensions": [],
}


@dataclass(frozen=True)
class Step:
    """One scripted answer. `text` overrides the chat reply, `answer` the judge's JSON."""

    kind: Kind = "ok"
    text: str | None = None
    answer: Mapping[str, Any] | None = None


def ok(text: str | None = None, *, answer: Mapping[str, Any] | None = None) -> Step:
    return Step("ok", text=text, answer=answer)


def _step(step: Step | str) -> Step:
    if isinstance(step, Step):
        return step
    if step not in KINDS:
        raise ValueError(f"unknown step {step!r}; expected one of {sorted(KINDS)}")
    return Step(step)  # type: ignore[arg-type]


class Script:
    """Steps consumed in order, one per request; `default` answers once they run out."""

    def __init__(self) -> None:
        self._queue: deque[Step] = deque()
        self._lock = threading.Lock()
        self.default = Step()

    def then(self, *steps: Step | str) -> Script:
        with self._lock:
            self._queue.extend(_step(s) for s in steps)
        return self

    def always(self, step: Step | str) -> Script:
        """Forget queued steps and answer every request with `step`."""
        with self._lock:
            self._queue.clear()
            self.default = _step(step)
        return self

    def healthy(self) -> Script:
        return self.always(Step())

    def next(self) -> Step:
        with self._lock:
            return self._queue.popleft() if self._queue else self.default


@dataclass(frozen=True)
class Received:
    """A request as the server saw it."""

    path: str
    body: Any
    headers: Mapping[str, str] = field(repr=False)

    @property
    def is_judge(self) -> bool:
        return structured_request(self.body) is not None

    @property
    def streamed(self) -> bool:
        return isinstance(self.body, dict) and bool(self.body.get("stream"))

    @property
    def messages(self) -> list[dict[str, Any]]:
        if not isinstance(self.body, dict):
            return []
        return list(self.body.get("messages") or [])

    @property
    def system_prompt(self) -> str:
        """The system (or o-series "developer") messages' text, joined."""
        return "\n".join(
            _text(m.get("content")) for m in self.messages if m.get("role") in _SYSTEM_ROLES
        )


_SYSTEM_ROLES = ("system", "developer")


def _text(content: Any) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):  # content parts
        return "".join(p.get("text", "") for p in content if isinstance(p, dict))
    return ""


class OpenAIServer:
    """`with OpenAIServer() as server:` then point a client at `server.url` (ends in /v1).

    `server.chat` and `server.judge` are the two scripts; `server.reply` and
    `server.judge_answer` are what "ok" answers with unless the step says otherwise.
    `hang_s` is how long "timeout" and "stall" stay quiet: keep it above the client timeout.
    """

    def __init__(
        self,
        *,
        reply: str = DEFAULT_REPLY,
        judge_answer: Mapping[str, Any] | None = None,
        hang_s: float = 5.0,
        retry_after_ms: int = 20,
        enforce_strict_schemas: bool = True,
    ) -> None:
        self.reply = reply
        self.judge_answer: Mapping[str, Any] = dict(judge_answer or DEFAULT_JUDGE)
        self.hang_s = hang_s
        self.retry_after_ms = retry_after_ms
        self.enforce_strict_schemas = enforce_strict_schemas
        self.chat = Script()
        self.judge = Script()
        self.requests: list[Received] = []
        self._ids = itertools.count(1)
        self._stopping = threading.Event()
        self._serving: Serving | None = None
        self.url = ""

    # lifecycle -------------------------------------------------------------------------
    def start(self) -> OpenAIServer:
        self._stopping.clear()
        app = Starlette(
            routes=[
                Route("/v1/chat/completions", self._completions, methods=["POST"]),
                Route("/v1/{rest:path}", self._not_found, methods=["GET", "POST"]),
            ]
        )
        self._serving = Serving(app, "OpenAI test server")
        self.url = f"http://127.0.0.1:{self._serving.port}/v1"
        return self

    def stop(self) -> None:
        self._stopping.set()  # wakes handlers that are hanging on purpose
        if self._serving is not None:
            self._serving.stop()
        self._serving = None

    def __enter__(self) -> OpenAIServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # what was asked --------------------------------------------------------------------
    @property
    def chat_requests(self) -> list[Received]:
        return [r for r in self.requests if r.path.endswith("/chat/completions") and not r.is_judge]

    @property
    def judge_requests(self) -> list[Received]:
        return [r for r in self.requests if r.is_judge]

    def healthy(self) -> None:
        """Both scripts back to answering "ok" (requests already recorded are kept)."""
        self.chat.healthy()
        self.judge.healthy()

    # handlers --------------------------------------------------------------------------
    async def _not_found(self, request: Request) -> Response:
        self.requests.append(Received(request.url.path, None, dict(request.headers)))
        return _error(404, f"Unknown request URL: {request.method} {request.url.path}.", None)

    async def _completions(self, request: Request) -> Response:
        raw = await request.body()
        try:
            body = json.loads(raw)
        except ValueError:
            body = None
        self.requests.append(Received(request.url.path, body, dict(request.headers)))
        if not isinstance(body, dict) or not isinstance(body.get("messages"), list):
            return _error(400, "We could not parse the JSON body of your request.", None)
        structured = structured_request(body)
        if structured and structured[0] == "json_schema" and self.enforce_strict_schemas:
            spec = structured[1]
            if spec.get("strict") and (problem := strict_schema_problem(spec.get("schema"))):
                name = spec.get("name", "response_format")
                return _error(
                    400,
                    f"Invalid schema for response_format '{name}': {problem}",
                    "response_format",
                    kind="invalid_request_error",
                    code="invalid_json_schema",
                )
        step = (self.judge if structured else self.chat).next()
        if step.kind == "500":
            return _error(
                500,
                "The server had an error while processing your request. Sorry about that!",
                None,
                kind="server_error",
                headers={"retry-after-ms": str(self.retry_after_ms)},
            )
        if step.kind in ("429", "quota"):
            quota = step.kind == "quota"
            return _error(
                429,
                "You exceeded your current quota, please check your plan and billing details."
                if quota
                else "Rate limit reached for requests. Please try again in 20ms.",
                None,
                kind="insufficient_quota" if quota else "requests",
                code="insufficient_quota" if quota else "rate_limit_exceeded",
                headers={"retry-after-ms": str(self.retry_after_ms)},
            )
        if step.kind == "timeout":
            await self._hang()
        completion_id = f"chatcmpl-test{next(self._ids)}"
        model = str(body.get("model", "test-model"))
        stream = bool(body.get("stream"))
        if step.kind == "malformed":
            if stream:
                broken = f'data: {{"id": "{completion_id}", "choices": [{{"delta": {{"con\n\n'
                return Response(broken, media_type="text/event-stream")
            return Response(
                f'{{"id": "{completion_id}", "choices": [', media_type="application/json"
            )
        if structured:
            answer = json.dumps(
                dict(step.answer)
                if step.answer is not None
                else following(self.judge_answer, request_schema(body, structured))
            )
            if structured[0] == "tool":
                message: dict[str, Any] = {
                    "role": "assistant",
                    "content": None,
                    "tool_calls": [
                        {
                            "id": f"call_{completion_id}",
                            "type": "function",
                            "function": {"name": structured[1], "arguments": answer},
                        }
                    ],
                }
                finish = "tool_calls"
            else:
                message, finish = {"role": "assistant", "content": answer}, "stop"
        else:
            text = "" if step.kind == "empty" else (step.text or self.reply)
            message, finish = {"role": "assistant", "content": text}, "stop"
        if stream:
            usage = bool((body.get("stream_options") or {}).get("include_usage"))
            events = self._events(completion_id, model, message, finish, usage, step.kind)
            return StreamingResponse(
                events,
                media_type="text/event-stream",
                headers={"cache-control": "no-cache", "x-request-id": completion_id},
            )
        message.setdefault("refusal", None)
        return JSONResponse(
            {
                "id": completion_id,
                "object": "chat.completion",
                "created": int(time.time()),
                "model": model,
                "system_fingerprint": None,
                "choices": [
                    {"index": 0, "message": message, "logprobs": None, "finish_reason": finish}
                ],
                "usage": _usage(body, message),
            },
            headers={"x-request-id": completion_id},
        )

    async def _events(
        self,
        completion_id: str,
        model: str,
        message: dict[str, Any],
        finish: str,
        include_usage: bool,
        kind: Kind,
    ) -> AsyncIterator[bytes]:
        """The reply as OpenAI streams it: a role delta, word-sized content deltas (or one
        tool-call delta), a finish delta, an optional usage chunk, then [DONE]."""
        created = int(time.time())

        def chunk(choices: list[dict[str, Any]], **extra: Any) -> bytes:
            data = {
                "id": completion_id,
                "object": "chat.completion.chunk",
                "created": created,
                "model": model,
                "system_fingerprint": None,
                "choices": choices,
                **extra,
            }
            return f"data: {json.dumps(data)}\n\n".encode()

        def delta(d: dict[str, Any], finish_reason: str | None = None) -> bytes:
            return chunk(
                [{"index": 0, "delta": d, "logprobs": None, "finish_reason": finish_reason}]
            )

        yield delta({"role": "assistant", "content": "", "refusal": None})
        if message.get("tool_calls"):
            call = message["tool_calls"][0]
            yield delta({"tool_calls": [{"index": 0, **call}]})
        else:
            for i, word in enumerate(_words(str(message["content"]))):
                if kind == "stall" and i == 2:
                    await self._hang()
                if kind in ("truncated", "cut") and i == 3:
                    if kind == "cut":
                        yield f'data: {{"id": "{completion_id}", "choices": [{{"del'.encode()
                    return
                yield delta({"content": word})
                await asyncio.sleep(0)
        if kind != "no_finish":
            yield delta({}, finish)
        if include_usage:
            yield chunk([], usage=_usage(None, message))
        yield b"data: [DONE]\n\n"

    async def _hang(self) -> None:
        deadline = time.monotonic() + self.hang_s
        while time.monotonic() < deadline and not self._stopping.is_set():
            await asyncio.sleep(0.02)


def _words(text: str) -> Iterable[str]:
    """Word-sized pieces that join back to exactly `text` (spaces stay with the word)."""
    return re.findall(r"\s*\S+\s*?(?=\s|$)|\s+$", text)


def _usage(body: Any, message: Mapping[str, Any]) -> dict[str, int]:
    prompt = sum(len(_text(m.get("content")).split()) for m in (body or {}).get("messages", []))
    completion = len(str(message.get("content") or "").split())
    return {
        "prompt_tokens": prompt,
        "completion_tokens": completion,
        "total_tokens": prompt + completion,
    }


def _error(
    status: int,
    message: str,
    param: str | None,
    *,
    kind: str = "invalid_request_error",
    code: str | None = None,
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    body = {"error": {"message": message, "type": kind, "param": param, "code": code}}
    return JSONResponse(body, status_code=status, headers=dict(headers or {}))
