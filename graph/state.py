"""State of the coaching chat graph.

Only a bounded window of recent messages lives here (the model's short-term memory); the
full transcript is `coaching_sessions`, one row per round. Keeping the window bounded keeps
each checkpoint the same size on turn 300 as on turn 3.
"""

from __future__ import annotations

from typing import Annotated, Any, TypedDict

from langchain_core.messages import AnyMessage
from langgraph.graph.message import add_messages

WINDOW_MESSAGES = 6  # three rounds


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
