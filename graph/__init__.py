"""LangGraph: state schemas, the orchestration and coaching graphs (their checkpointer comes
from the one root, db/runtime.py)."""
