"""State of the graphs: the coaching chat (ChatState) and the orchestration (TuitionLiftState,
seed 001). The chat part:

Only a bounded window of recent messages lives here (the model's short-term memory); the
full transcript is `coaching_sessions`, one row per round. Keeping the window bounded keeps
each checkpoint the same size on turn 300 as on turn 3.
"""

from __future__ import annotations

from typing import Annotated, Any, TypedDict

from langchain_core.messages import AnyMessage
from langgraph.graph.message import add_messages
from pydantic import BaseModel, ConfigDict, Field

from coach.discovery_models import (
    ActiveMilestone,
    DiscoveryResult,
    ErrorLogEntry,
    FinancialProfile,
    Listing,
    NodeName,
    UserProfile,
)

WINDOW_MESSAGES = 6  # three rounds


NEWS_NOTES_KEEP = 20


def keep_notes(
    left: list[dict[str, Any]] | None, right: list[dict[str, Any]] | None
) -> list[dict[str, Any]]:
    return ((left or []) + (right or []))[-NEWS_NOTES_KEEP:]


class ChatState(TypedDict, total=False):
    messages: Annotated[list[AnyMessage], add_messages]
    """Recent messages for the model; add_messages appends, RemoveMessage trims."""
    summary: str
    """Running summary of rounds that left the window (overwrite)."""
    user_id: str
    """Owner of the thread, checked again on every load (overwrite)."""
    domain_id: str
    """The persona's coaching domain (overwrite)."""
    round_number: int
    """Rounds completed and recorded (overwrite)."""
    response_time_ms: int
    """How long the last reply took to produce (overwrite)."""
    coach_memory: dict[str, Any]
    """The offline coach's memory of this session: questions asked, ground covered (overwrite)."""
    by_model: bool
    """The last reply came from a language model, which reads no round for the scorer as the
    offline coach's memory does (overwrite)."""
    proposal: dict[str, Any] | None
    """A Submitted/Won status the learner's news proposed, waiting for their answer at an
    interrupt: application_id, status, kind, title, token (overwrite; None once answered)."""
    news_note: dict[str, Any] | None
    """Read only, from threads written before `news_notes`: their last such line."""
    news_notes: Annotated[list[dict[str, Any]], keep_notes]
    """Every such line of the session, so each stays under its round after the next ones
    (the newest NEWS_NOTES_KEEP: a session's few news, bounded all the same)."""


# orchestration (seed 001) -------------------------------------------------------------------
ERROR_LOG_KEEP = 50  # the thread lives as long as the student: keep its log bounded


def append_errors(
    left: list[ErrorLogEntry] | None, right: list[ErrorLogEntry] | None
) -> list[ErrorLogEntry]:
    """Seed 001's append reducer, keeping the newest ERROR_LOG_KEEP entries: one thread per
    student runs for years, and an unbounded log would grow every checkpoint with it."""
    return [*(left or []), *(right or [])][-ERROR_LOG_KEEP:]


class FilteredListing(BaseModel):
    """A listing the Trust Filter dropped, and why (its red flags, one line each)."""

    model_config = ConfigDict(frozen=True)

    title: str
    provider: str | None = None
    url: str
    red_flags: list[str] = Field(default_factory=list)
    trust_score: int = Field(default=0, ge=0, le=100)


class TuitionLiftState(TypedDict, total=False):
    """Seed 001 §1, checkpointed on thread `user_{id}`. No raw SAI anywhere: the financial
    profile is labels only (coach/discovery_models.py)."""

    user_profile: UserProfile
    """Who the student is (GPA, major, state), read from profiles at the run's start (overwrite)."""
    discovery_results: list[DiscoveryResult]
    """Advisor_Verify's kept, scored listings of the latest run (overwrite)."""
    active_milestones: list[ActiveMilestone]
    """Coach_Prioritization's ROI- or momentum-ordered tasks (overwrite)."""
    messages: Annotated[list[AnyMessage], add_messages]
    """What each node told the student; add_messages appends (RemoveMessage trims)."""
    last_active_node: NodeName
    """The node that ran last, or the one that failed (overwrite)."""
    financial_profile: FinancialProfile
    """Anonymized labels (Pell, income bracket): all a search provider sees (overwrite)."""
    error_log: Annotated[list[ErrorLogEntry], append_errors]
    """One entry per failed node, appended, newest ERROR_LOG_KEEP kept."""
    discovery_run_id: str
    """The run in progress or last run, as in discovery_completions (overwrite)."""
    listings: list[Listing]
    """Advisor_Search's raw finds, handed to Advisor_Verify, emptied after it (overwrite)."""
    filtered_out: list[FilteredListing]
    """Listings the Trust Filter dropped, with their red flags, for the page (overwrite)."""
    recovery_message: str
    """The sentence SafeRecovery leaves the student after a failure (overwrite)."""
