"""The orchestration graph of seed 001: Advisor_Search -> Advisor_Verify -> Coach_Prioritization,
with SafeRecovery for any node that fails.

- One thread per student, `user_{id}`, on the shared checkpointer; one `discovery_run_id` per
  run, recorded running -> completed | failed in discovery_completions (through the server's
  privileged path: a student cannot mark their own run).
- Failures: each work node has LangGraph's node `error_handler` (`route_to_recovery`), which
  runs once the node's RetryPolicy has given up, appends an ErrorLogEntry (node, message,
  time) and sends the run to SafeRecovery. Only Advisor_Search retries, and only on
  `TransientSearchError` (timeouts, unreachable): the pure nodes fail the same way twice.
- Every node returns a `Command` naming where to go next: with a static edge as well, a
  failed node's detour to SafeRecovery would run alongside the normal next node.
- What the page reads (matches, filtered listings, progress, the student's message) is
  written to the database as the run goes: the checkpoint keeps only the latest run, and the
  API roles cannot read checkpoints at all.
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal
from uuid import UUID

from langchain_core.messages import AIMessage, RemoveMessage
from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.checkpoint.serde.jsonplus import JsonPlusSerializer
from langgraph.errors import NodeError
from langgraph.graph import END, START, StateGraph
from langgraph.graph.state import CompiledStateGraph
from langgraph.runtime import Runtime
from langgraph.types import Command, RetryPolicy

from coach import clock
from coach.discovery import advisor_verify, result_id
from coach.discovery_models import (
    ActiveMilestone,
    DiscoveryResult,
    Eligibility,
    ErrorLogEntry,
    FinancialProfile,
    Listing,
    NodeName,
    UserProfile,
)
from coach.financial import financial_profile
from coach.prioritization import coach_prioritization, tracked_items
from db.errors import AppError
from db.models import DiscoveryResultRow
from db.repository import Repository
from graph.search import SearchProvider, TransientSearchError
from graph.state import FilteredListing, TuitionLiftState

log = logging.getLogger(__name__)

MESSAGES_KEEP = 20  # the thread lives as long as the student: keep its history bounded
SEARCH_RETRY = RetryPolicy(
    retry_on=TransientSearchError, max_attempts=3, initial_interval=0.2, jitter=False
)

STUDENT_SORRY: dict[str, str] = {
    "Advisor_Search": "The scholarship search stopped while looking for listings.",
    "Advisor_Verify": "The scholarship search stopped while checking the listings it found.",
    "Coach_Prioritization": "The scholarship search stopped while putting your matches in order.",
}
TRY_AGAIN = " Nothing was lost; please start a new search in a moment."


@dataclass
class DiscoveryContext:
    """Per-run context: whose run, through which repositories and which search.

    `repository` runs as the student (RLS decides what the nodes read); `recorder` is the
    server's privileged path, the only writer of progress and outcomes. `probe` is called at
    the start of each work node with its name: benchmarks time steps with it and tests inject
    a failure into a chosen node through it."""

    run_id: UUID
    user_id: UUID
    repository: Repository
    recorder: Repository
    search: SearchProvider
    trust_threshold: int = 60
    search_label: str = "the scholarship catalog"
    probe: Callable[[str], None] | None = None

    def enter(self, node: NodeName, step: str, detail: str) -> None:
        if self.probe is not None:
            self.probe(node)
        self.recorder.report_discovery_progress(
            user_id=self.user_id, run_id=self.run_id, step=step, detail=detail
        )


def _trimmed(state: TuitionLiftState) -> list[Any]:
    """RemoveMessage for all but the newest messages (one per run is added)."""
    old = state.get("messages", [])[: -(MESSAGES_KEEP - 1) or None]
    return [RemoveMessage(id=m.id) for m in old if m.id is not None]


# nodes ----------------------------------------------------------------------------------------
def advisor_search(
    state: TuitionLiftState, runtime: Runtime[DiscoveryContext]
) -> Command[Literal["Advisor_Verify"]]:
    """Seed 001: the profile (read as the student) becomes UserProfile and the anonymized
    FinancialProfile here; the Profile itself, SAI and all, goes no further than this frame."""
    ctx = runtime.context
    ctx.enter("Advisor_Search", "searching", f"searching {ctx.search_label}")
    profile = ctx.repository.get_profile(user_id=ctx.user_id)
    if profile is None:
        user, financial = UserProfile(id=ctx.user_id), FinancialProfile()
    else:
        user, financial = UserProfile.from_profile(profile), financial_profile(profile)
    del profile
    listings = ctx.search.search(financial, user)
    return Command(
        goto="Advisor_Verify",
        update={
            "discovery_run_id": str(ctx.run_id),
            "user_profile": user,
            "financial_profile": financial,
            "listings": listings,
            "discovery_results": [],
            "filtered_out": [],
            "active_milestones": [],
            "recovery_message": "",
            "last_active_node": "Advisor_Search",
        },
    )


def advisor_verify_node(
    state: TuitionLiftState, runtime: Runtime[DiscoveryContext]
) -> Command[Literal["Coach_Prioritization"]]:
    """Seed 001: trust-score, filter and need-match what the search found (coach.discovery),
    then hand over to the Coach. The raw listings are dropped from the state here: the
    checkpoint keeps what was decided, not everything that was read."""
    ctx = runtime.context
    listings = state.get("listings", [])
    ctx.enter("Advisor_Verify", "verifying", f"verifying {len(listings)} listings")
    verification = advisor_verify(
        listings,
        state["user_profile"],
        state["financial_profile"],
        run_id=ctx.run_id,
        today=clock.now().date(),
        threshold=ctx.trust_threshold,
    )
    filtered = [
        FilteredListing(
            title=v.listing.title,
            provider=v.listing.provider,
            url=v.listing.url,
            red_flags=[s.line for s in v.verdict.red_flags],
            trust_score=v.verdict.score,
        )
        for v in verification.filtered_out
    ]
    return Command(
        goto="Coach_Prioritization",
        update={
            "discovery_results": verification.results,
            "filtered_out": filtered,
            "listings": [],
            "last_active_node": "Advisor_Verify",
        },
    )


def coach_prioritization_node(
    state: TuitionLiftState, runtime: Runtime[DiscoveryContext]
) -> Command[Literal["__end__"]]:
    """Seed 001: the active milestones (tracked applications by momentum, else the new
    results by ROI), then the run's outcome and results, written in one transaction."""
    ctx = runtime.context
    results = state.get("discovery_results", [])
    filtered = state.get("filtered_out", [])
    ctx.enter("Coach_Prioritization", "prioritizing", f"ordering {len(results)} matches")
    applications = ctx.repository.list_applications(user_id=ctx.user_id)
    scholarships = ctx.repository.get_scholarships(ids=[a.scholarship_id for a in applications])
    milestones = coach_prioritization(
        tracked_items(applications, scholarships), results, now=clock.now()
    )
    ruled_out = sum(1 for r in results if r.need_match_score == 0)
    message = outcome_message(len(results), len(filtered), ruled_out)
    ctx.recorder.record_discovery_results(
        user_id=ctx.user_id, run_id=ctx.run_id, results=result_rows(results, filtered)
    )
    ctx.recorder.finish_discovery_run(
        user_id=ctx.user_id, run_id=ctx.run_id, status="completed", message=message
    )
    return Command(
        goto="__end__",
        update={
            "active_milestones": milestones,
            "messages": [*_trimmed(state), AIMessage(content=message, name="Coach")],
            "last_active_node": "Coach_Prioritization",
        },
    )


def safe_recovery(state: TuitionLiftState, runtime: Runtime[DiscoveryContext]) -> dict[str, Any]:
    """Seed 001: after a failure (already in error_log), close the run as failed and leave
    the student one clear sentence. The thread stays usable: the next run overwrites every
    field but the two logs."""
    ctx = runtime.context
    message = state.get("recovery_message") or ("The scholarship search stopped." + TRY_AGAIN)
    ctx.recorder.finish_discovery_run(
        user_id=ctx.user_id, run_id=ctx.run_id, status="failed", message=message
    )
    return {
        "messages": [*_trimmed(state), AIMessage(content=message, name="Coach")],
        "listings": [],
        "last_active_node": "SafeRecovery",
    }


def route_to_recovery(
    state: TuitionLiftState, error: NodeError
) -> Command[Literal["SafeRecovery"]]:
    """The work nodes' error handler (after any retries): log the failure, pick the sentence
    the student will read, and go to SafeRecovery. The log keeps the failure's own words (an
    AppError's are written for people; others are cut short); the detail stays in the logs."""
    node: NodeName = error.node if error.node in STUDENT_SORRY else "SafeRecovery"  # type: ignore[assignment]
    exc = error.error
    log.error("discovery node %s failed: %s", error.node, type(exc).__name__, exc_info=exc)
    if isinstance(exc, AppError):
        said = exc.message
        student = exc.message if _ends_a_sentence(exc.message) else STUDENT_SORRY[node] + TRY_AGAIN
    else:
        said = f"{type(exc).__name__}: {str(exc)[:200]}"
        student = STUDENT_SORRY.get(node, "The scholarship search stopped.") + TRY_AGAIN
    return Command(
        goto="SafeRecovery",
        update={
            "error_log": [ErrorLogEntry.at(node, said, clock.now())],
            "recovery_message": student,
            "last_active_node": node,
        },
    )


def _ends_a_sentence(text: str) -> bool:
    return bool(text) and text.rstrip()[-1:] in ".!?"


# outcome --------------------------------------------------------------------------------------
def outcome_message(kept: int, filtered: int, ruled_out: int = 0) -> str:
    """What the run found, counting only what is open to the student as "for you": "Found 72
    scholarships for you" over 31 the profile rules out promised too much."""
    open_to_you = kept - ruled_out
    if kept == 0:
        found = "No scholarships matched this time"
    elif open_to_you == 0:
        found = f"Found {clock.plural(kept, 'scholarship')}, but your profile rules out every one"
    elif ruled_out:
        found = (
            f"Found {clock.plural(open_to_you, 'scholarship')} for you "
            f"(and {ruled_out} more your profile rules out)"
        )
    else:
        found = f"Found {clock.plural(kept, 'scholarship')} for you"
    if filtered:
        verbs = "looked unsafe and was" if filtered == 1 else "looked unsafe and were"
        return f"{found}; {clock.plural(filtered, 'listing')} {verbs} left out."
    return f"{found}."


def result_rows(
    results: list[DiscoveryResult], filtered: list[FilteredListing]
) -> list[DiscoveryResultRow]:
    """The run's results as stored: the kept ones in order, then the filtered ones."""
    rows = [
        DiscoveryResultRow(
            result_id=r.id,
            kept=True,
            position=i,
            title=r.title,
            url=r.url,
            provider=r.provider,
            trust_score=r.trust_score,
            need_match_score=r.need_match_score,
            scholarship_id=r.scholarship_id,
            amount=Decimal(str(r.amount)) if r.amount is not None else None,
            deadline=r.deadline,
            application_type=r.application_type,
            trust_reasons=list(r.trust_reasons),
            need_explanations=list(r.need_explanations),
        )
        for i, r in enumerate(results)
    ]
    start = len(rows)
    rows += [
        DiscoveryResultRow(
            result_id=result_id(f.url),
            kept=False,
            position=start + i,
            title=f.title,
            url=f.url,
            provider=f.provider,
            trust_score=f.trust_score,
            red_flags=f.red_flags,
        )
        for i, f in enumerate(filtered)
    ]
    return rows


STATE_TYPES: tuple[type, ...] = (
    UserProfile,
    FinancialProfile,
    DiscoveryResult,
    ActiveMilestone,
    ErrorLogEntry,
    Listing,
    Eligibility,
    FilteredListing,
)


def with_state_types(checkpointer: BaseCheckpointSaver[Any]) -> BaseCheckpointSaver[Any]:
    """The shared saver (same pool, same lock), loading only the types this state holds plus
    LangGraph's safe ones. By default a checkpoint may name any class to rebuild (and warns
    when it does); this graph's checkpoints are read back strictly."""
    strict = JsonPlusSerializer(allowed_msgpack_modules=None).with_msgpack_allowlist(
        [(t.__module__, t.__name__) for t in STATE_TYPES]
    )
    clone = copy.copy(checkpointer)
    clone.serde = strict
    return clone


def build_graph(
    checkpointer: BaseCheckpointSaver[Any] | None,
) -> CompiledStateGraph[TuitionLiftState, DiscoveryContext, TuitionLiftState, TuitionLiftState]:
    if checkpointer is not None:
        checkpointer = with_state_types(checkpointer)
    builder = StateGraph(TuitionLiftState, context_schema=DiscoveryContext)
    builder.add_node(
        "Advisor_Search",
        advisor_search,
        retry_policy=SEARCH_RETRY,
        error_handler=route_to_recovery,
        destinations=("Advisor_Verify", "SafeRecovery"),
    )
    builder.add_node(
        "Advisor_Verify",
        advisor_verify_node,
        error_handler=route_to_recovery,
        destinations=("Coach_Prioritization", "SafeRecovery"),
    )
    builder.add_node(
        "Coach_Prioritization",
        coach_prioritization_node,
        error_handler=route_to_recovery,
        destinations=(END, "SafeRecovery"),
    )
    builder.add_node("SafeRecovery", safe_recovery)
    builder.add_edge(START, "Advisor_Search")
    builder.add_edge("SafeRecovery", END)
    return builder.compile(checkpointer=checkpointer)
