"""Scholarship discovery as the Discovery page uses it: start a run in the background, poll
its progress, read the latest results, track or dismiss one, and announce a finished run once.

The run thread model: `start()` records the run (the database refuses a second running one
for the same student) and hands the graph to a small worker pool kept with the composition
root, so the run goes on while the student changes page; the page polls `progress()`, which
reads the row the nodes update. A worker that dies with its process leaves a "running" row
whose heartbeat stops: the next `start()` closes it as interrupted (after ten minutes).

The page sends ids; the database decides whose they are (RLS, and ownership checks in the
functions). Progress and outcomes are written only through the server's privileged path.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import datetime
from typing import Any, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from coach.discovery_models import FinancialProfile, UserProfile
from coach.financial import financial_profile
from db.checkpointer import prune_thread
from db.errors import AppError, NotAllowed, NotFound, ValidationFailed
from db.identity import Identity
from db.models import Application, DiscoveryRun, Profile
from db.repository import Repository
from db.runtime import Database
from db.settings import Settings
from graph.orchestration import DiscoveryContext, build_graph
from graph.search import CatalogSearch, SearchProvider, TavilySearch
from graph.state import FilteredListing

log = logging.getLogger(__name__)

__all__ = [
    "DiscoveryService",
    "DiscoveryView",
    "FilteredListing",
    "Match",
    "RunProgress",
    "orchestration_graph",
]

WORKERS = 4  # runs at once per process; more wait their turn (their rows say "searching")
INTERRUPTED = "The scholarship search stopped unexpectedly. Please start a new one."

RunStatus = Literal["running", "completed", "failed"]
RunStep = Literal["searching", "verifying", "prioritizing", "done", "failed"]


class RunProgress(BaseModel):
    """Where a run is, as the page shows it while polling."""

    model_config = ConfigDict(frozen=True)

    run_id: UUID
    status: RunStatus
    step: RunStep
    detail: str | None = None  # e.g. "verifying 79 listings"
    message: str | None = None  # a sentence for the student (a failure, "12 matches found")


class Match(BaseModel):
    """One kept result: seed 001's DiscoveryResult plus what the page explains it with."""

    model_config = ConfigDict(frozen=True)

    id: str
    discovery_run_id: UUID
    title: str
    url: str
    trust_score: int = Field(ge=0, le=100)
    need_match_score: int = Field(ge=0, le=100)
    scholarship_id: UUID | None = None
    provider: str | None = None
    amount: float | None = None
    deadline: datetime | None = None
    application_type: str | None = None
    trust_reasons: list[str] = Field(default_factory=list)
    need_explanations: list[str] = Field(default_factory=list)


class DiscoveryView(BaseModel):
    """The student's last run, as a page shows it after a refresh or a new sign-in."""

    model_config = ConfigDict(frozen=True)

    run_id: UUID
    status: RunStatus
    finished_at: datetime | None = None
    matches: list[Match] = Field(default_factory=list)  # dismissed ones excluded
    dismissed: list[Match] = Field(default_factory=list)
    filtered_out: list[FilteredListing] = Field(default_factory=list)
    message: str | None = None
    # the newest run failed, and this is the last one that finished: why the newer one did not
    failure: str | None = None

    def passed_since_run(self, match: Match, now: datetime) -> bool:
        """A deadline still ahead when the search ran and gone now: the match's trust
        reasons ("the deadline is ahead") speak of then."""
        if match.deadline is None or self.finished_at is None:
            return False
        return self.finished_at < match.deadline < now


# what a run matched on, as the Profile page names it
MATCHED_ON = (
    ("gpa", "GPA"),
    ("state", "state"),
    ("major", "intended major"),
    ("school_year", "school year"),
)


class ResultRef(BaseModel):
    """A run id and result id as a page sends them, checked before any call."""

    run_id: UUID
    result_id: str = Field(min_length=1, max_length=200)


def orchestration_graph(database: Database) -> Any:
    """Compiled once per process, on the root's one checkpointer."""
    return database.memo("orchestration_graph", lambda: build_graph(database.checkpointer))


def _runner(database: Database) -> ThreadPoolExecutor:
    return database.memo(
        "discovery_runner",
        lambda: ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="discovery"),
    )


def _futures(database: Database) -> dict[UUID, Future[None]]:
    return database.memo("discovery_futures", dict)


_futures_lock = threading.Lock()


def default_search(settings: Settings, repository: Repository) -> SearchProvider:
    """Tavily when TAVILY_API_KEY is set, else the offline catalog."""
    if settings.tavily_api_key is not None:
        return TavilySearch(
            settings.tavily_api_key.get_secret_value(), base_url=settings.tavily_base_url
        )
    return CatalogSearch(repository)


def _progress(run: DiscoveryRun) -> RunProgress:
    return RunProgress(
        run_id=run.discovery_run_id,
        status=run.status,
        step=run.step,
        detail=run.detail,
        message=run.message,
    )


class DiscoveryService:
    """One per signed-in student per page run; cheap to build (the graph compiles once per
    process, the worker pool is shared)."""

    def __init__(
        self,
        database: Database,
        repository: Repository,
        settings: Settings,
        *,
        search: SearchProvider | None = None,
        probe: Callable[[str], None] | None = None,
    ) -> None:
        user_id = repository.identity.user_id
        if user_id is None:
            raise NotAllowed("Please sign in first.")
        self.user_id: UUID = user_id
        self.database = database
        self.repository = repository
        self.recorder = database.service_repository()
        self.settings = settings
        self.search = search or default_search(settings, repository)
        self.probe = probe

    @classmethod
    def for_identity(
        cls,
        database: Database,
        identity: Identity,
        *,
        settings: Settings | None = None,
        search: SearchProvider | None = None,
    ) -> DiscoveryService:
        """The usual way in: everything from the one root, as this student. `search` defaults
        to Tavily when TAVILY_API_KEY is set, else the offline catalog."""
        return cls(
            database, database.repository(identity), settings or database.settings, search=search
        )

    @property
    def thread_id(self) -> str:
        return f"user_{self.user_id}"

    # runs ---------------------------------------------------------------------------------
    def start(self) -> UUID:
        """A new run id; the graph runs in a background thread (it continues if the student
        changes page). Refuses with a Conflict when one of theirs is still running."""
        run = self.repository.start_discovery_run()
        run_id = run.discovery_run_id
        future = _runner(self.database).submit(self.run, run_id)
        with _futures_lock:
            futures = _futures(self.database)
            futures[run_id] = future
            for done in [k for k, f in futures.items() if f.done() and k != run_id]:
                del futures[done]
        return run_id

    def run(self, run_id: UUID) -> None:
        """Run the graph for a started run, in the calling thread (the workers call this;
        so do benchmarks). Whatever escapes the graph (SafeRecovery itself failing) still
        closes the run as failed, so the student is never left with a run that never ends."""
        context = DiscoveryContext(
            run_id=run_id,
            user_id=self.user_id,
            repository=self.repository,
            recorder=self.recorder,
            search=self.search,
            trust_threshold=self.settings.trust_threshold,
            search_label="the web" if isinstance(self.search, TavilySearch) else "the catalog",
            probe=self.probe,
        )
        try:
            graph = orchestration_graph(self.database)
            graph.invoke(
                {"discovery_run_id": str(run_id)},
                {"configurable": {"thread_id": self.thread_id}},
                context=context,
                durability="exit",
            )
            prune_thread(graph.checkpointer, self.thread_id)  # a run needs only the last
        except Exception:
            log.exception("discovery run %s ended outside SafeRecovery", run_id)
            try:
                self.recorder.finish_discovery_run(
                    user_id=self.user_id, run_id=run_id, status="failed", message=INTERRUPTED
                )
            except AppError as exc:
                log.warning("discovery run %s could not be closed: %s", run_id, exc.message)

    def wait(self, run_id: UUID, timeout: float = 30.0) -> RunProgress:
        """Block until the run has finished (tests, scripts); the page polls `progress`."""
        with _futures_lock:
            future = _futures(self.database).get(run_id)
        if future is not None:
            future.result(timeout=timeout)
        deadline = time.monotonic() + timeout
        while True:
            progress = self.progress(run_id)
            if progress.status != "running" or time.monotonic() > deadline:
                return progress
            time.sleep(0.05)

    def progress(self, run_id: UUID) -> RunProgress:
        """Where the run is; NotFound for a run that is not this student's (RLS)."""
        run = self.repository.get_discovery_run(run_id=_run_id(run_id))
        if run is None:
            raise NotFound("That search was not found.")
        return _progress(run)

    def latest(self) -> DiscoveryView | None:
        """The student's last run with its matches, the ones they dismissed (kept apart, so a
        mis-click can be undone) and the listings the Trust Filter dropped; None when they
        never ran one."""
        run = self.repository.latest_discovery_run()
        if run is None:
            return None
        failure = None
        if run.status == "failed":  # an audit's timed-out run hid the last good matches
            finished = self.repository.latest_discovery_run(completed=True)
            if finished is not None:
                failure = run.message or "The last discovery run could not finish."
                run = finished
        rows = (  # a run's results are a finished list only once it completed
            self.repository.list_discovery_results(run_id=run.discovery_run_id)
            if run.status == "completed"
            else []
        )
        dismissed = self.repository.list_dismissed(run_id=run.discovery_run_id) if rows else set()
        every = [
            Match(
                id=r.result_id,
                discovery_run_id=run.discovery_run_id,
                title=r.title,
                url=r.url,
                trust_score=r.trust_score,
                need_match_score=r.need_match_score or 0,
                scholarship_id=r.scholarship_id,
                provider=r.provider,
                amount=float(r.amount) if r.amount is not None else None,
                deadline=r.deadline,
                application_type=r.application_type,
                trust_reasons=r.trust_reasons,
                need_explanations=r.need_explanations,
            )
            for r in rows
            if r.kept
        ]
        filtered = [
            FilteredListing(
                title=r.title,
                provider=r.provider,
                url=r.url,
                red_flags=r.red_flags,
                trust_score=r.trust_score,
            )
            for r in rows
            if not r.kept
        ]
        return DiscoveryView(
            run_id=run.discovery_run_id,
            status=run.status,
            finished_at=run.finished_at,
            matches=[m for m in every if m.id not in dismissed],
            dismissed=[m for m in every if m.id in dismissed],
            filtered_out=filtered,
            message=run.message,
            failure=failure,
        )

    def changed_since(self, view: DiscoveryView, profile: Profile | None) -> list[str]:
        """What the student changed on their Profile since the run matched on it ("school
        year"): its need matches and its fold still say what was true then (an audit's
        senior saw "For high school juniors, as you are ✓"). Read from the run's own
        checkpoint, which keeps the profile it used, as labels only; [] when unknown.
        `profile` is the student's as the page already read it."""
        if view.status != "completed" or profile is None:
            return []
        try:
            snapshot = orchestration_graph(self.database).get_state(
                {"configurable": {"thread_id": self.thread_id}}
            )
        except Exception as exc:  # a hint, never worth failing the page for
            log.warning("discovery: the profile a run used could not be read: %s", exc)
            return []
        values = snapshot.values or {}
        then, then_need = values.get("user_profile"), values.get("financial_profile")
        if (
            values.get("discovery_run_id") != str(view.run_id)
            or not isinstance(then, UserProfile)
            or not isinstance(then_need, FinancialProfile)
        ):
            return []
        now = UserProfile.from_profile(profile)
        changed = [
            words for field, words in MATCHED_ON if getattr(then, field) != getattr(now, field)
        ]
        return changed + (["financial need"] if then_need != financial_profile(profile) else [])

    def track(self, run_id: UUID, result_id: str) -> Application:
        """Track a match: exactly one application per student and scholarship (a second call
        raises Conflict "You are already tracking this scholarship."). A web result joins the
        catalog first (source 'web'), in the same database function."""
        ref = _ref(run_id, result_id)
        return self.repository.track_discovery_result(run_id=ref.run_id, result_id=ref.result_id)

    def dismiss(self, run_id: UUID, result_id: str) -> None:
        """Hide a match in that run only."""
        ref = _ref(run_id, result_id)
        self.repository.dismiss_discovery_result(run_id=ref.run_id, result_id=ref.result_id)

    def restore(self, run_id: UUID, result_id: str) -> None:
        """Bring a dismissed match back into that run's list."""
        ref = _ref(run_id, result_id)
        self.repository.restore_discovery_result(run_id=ref.run_id, result_id=ref.result_id)

    def announce(self) -> RunProgress | None:
        """A finished (completed or failed) run not yet announced to this student, marked
        announced atomically so the toast shows once across pages and tabs."""
        run = self.repository.claim_discovery_announcement()
        return _progress(run) if run is not None else None


def _run_id(run_id: Any) -> UUID:
    try:
        return run_id if isinstance(run_id, UUID) else UUID(str(run_id))
    except ValueError as exc:
        raise NotFound("That search was not found.") from exc


def _ref(run_id: Any, result_id: Any) -> ResultRef:
    try:
        return ResultRef.model_validate({"run_id": _run_id(run_id), "result_id": result_id})
    except ValidationError as exc:
        raise ValidationFailed("That match is not one we know.", detail=str(exc)) from exc
