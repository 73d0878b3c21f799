"""What bench/concurrent_chat.py holds ours to (a module, not a benchmark: `make bench` skips
files starting with an underscore): the reference graph with our model's work in its one node,
the reference's load, and the checks every run passes afterwards (each session's rounds
exactly 1..TURNS in SQL, each reference thread's both sides of every turn), so a fast run that
lost or repeated a turn cannot pass. Kept apart so the script reads as the measurement."""

from __future__ import annotations

import uuid
from typing import Any

import psycopg
from langchain_core.messages import AIMessage, HumanMessage
from langgraph.graph import START, MessagesState, StateGraph

from bench._load import Job, Run, run_threads, turns_job
from coach.rubric import coach_words, rubric_assessment
from db.identity import Identity
from db.runtime import Database
from graph.llm import chat_model

TURNS = 20
DOMAIN = "communication_coach"


def coached_reference_graph(database: Database, identity: Identity) -> Any:
    """The reference with our model's work in its one node: the same offline coach answers
    and the same rubric scores the answer, nothing stored besides the checkpoint. Against
    it, what ours costs more is our plumbing (pending message, round record, streaming),
    not the offline coach's and scorer's reading of the text."""
    repo = database.repository(identity)
    domain, persona = repo.get_domain(domain_id=DOMAIN), repo.get_persona(domain_id=DOMAIN)

    def answer(state: MessagesState) -> dict[str, Any]:
        messages = state["messages"]
        model = chat_model(
            database.settings,
            persona=persona,
            domain=domain,
            round_number=len(messages) // 2 + 1,
            plan=None,
        )
        reply = model.invoke(messages)
        question = str(messages[-2].content) if len(messages) > 1 else domain.default_opening
        rubric_assessment(
            str(messages[-1].content),
            domain_id=domain.id,
            coach_question=question,
            dimensions=persona.dimensions,
            knowledge_tags=domain.knowledge_tags,
            success_conditions=persona.success_conditions,
            coach_text=coach_words(
                persona.system_prompt, domain.description, domain.scenario, domain.default_opening
            ),
        )
        return {"messages": [AIMessage(content=str(reply.content))]}

    builder = StateGraph(MessagesState)
    builder.add_node("answer", answer)
    builder.add_edge(START, "answer")
    return builder.compile(checkpointer=database.checkpointer)


def run_reference(graph: Any, students: int, message: str = "Turn {turn}: hi") -> Run:
    def job_for(thread_id: str) -> Job:
        config = {"configurable": {"thread_id": thread_id}}
        return turns_job(
            lambda n: graph.invoke(
                {"messages": [HumanMessage(content=message.format(turn=n))]}, config
            ),
            TURNS,
        )

    threads = [f"ref-{uuid.uuid4().hex}" for _ in range(students)]
    run = run_threads("reference", [job_for(t) for t in threads])
    run.threads = threads
    return run


# checks -----------------------------------------------------------------------------------
def verify_ours(url: str, run: Run) -> None:
    """Exactly rounds 1..TURNS per session, each once, and nothing left pending. A missing
    number is lost; a repeated or unexpected one is duplicated."""
    with psycopg.connect(url, autocommit=True) as conn:
        rows = conn.execute(
            """select session_id, array_agg(round_number order by round_number)
                 from public.coaching_sessions where session_id = any(%s)
                group by session_id""",
            (run.threads,),
        ).fetchall()
        pending = conn.execute(
            "select count(*) from public.coaching_pending_messages where session_id = any(%s)",
            (run.threads,),
        ).fetchone()
    rounds: dict[str, list[int]] = {row[0]: row[1] for row in rows}
    want = set(range(1, TURNS + 1))
    for session in run.threads:
        got = rounds.get(session, [])
        run.lost += len(want - set(got))
        run.duplicated += len(got) - len(set(got) & want)
    run.pending = int(pending[0]) if pending else 0


def verify_reference(graph: Any, run: Run) -> None:
    """Each thread's final state holds both sides of every turn, once."""
    for thread in run.threads:
        messages = graph.get_state({"configurable": {"thread_id": thread}}).values["messages"]
        human = [m.content for m in messages if isinstance(m, HumanMessage)]
        run.lost += TURNS - len(set(human))
        run.duplicated += len(human) - len(set(human))
        run.lost += max(0, TURNS - (len(messages) - len(human)))
