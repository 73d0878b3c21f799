"""LangGraph: state schemas, the orchestration and coaching graphs, the shared checkpointer."""
