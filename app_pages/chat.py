"""Chat: pick a coach or resume a session; talk; see each round's assessment."""

from __future__ import annotations

from collections.abc import Iterable
from uuid import uuid4

import streamlit as st

from app_pages import widgets
from app_pages.chat_announce import announce_replies
from app_pages.chat_start import TO_TOP, show_start
from app_pages.context import context, open_review, use_reader_zone
from app_pages.long_paste import cut_long_pastes
from app_pages.news_in_view import keep_news_in_view, keep_reply_in_view
from app_pages.page_script import keep_in_tab, scroll_to_top
from app_pages.render import inert_text, show_error, show_stream, show_text
from coach.session_moves import yes_or_no
from db.errors import AppError, NotAllowed
from db.models import CoachingRound, RoundReview
from graph.chat import MAX_MESSAGE_CHARS, PendingQuestion
from graph.llm import label as model_label

ctx = context()
chat = ctx.chat
settings = ctx.database.settings
slow_judge = settings.openai_api_key is not None


# The session this browser had open, per person (the demo's links switch people in one
# browser): the sidebar's Chat returns to it.
OPEN = f"chat_open_session:{ctx.identity.user_id if ctx.identity else ''}"


def unsent_key(session_id: str) -> str:
    """Where a message the database never took waits to be sent again, per session."""
    return f"unsent:{session_id}"


def open_session(session_id: str) -> None:
    st.query_params["session"] = session_id
    st.session_state[OPEN] = session_id


def close_session() -> None:
    st.query_params.pop("session", None)
    st.session_state.pop(OPEN, None)


st.title("Chat", anchor=False)
st.caption(f"Answering: {model_label(settings)}")


# A page switch clears the query string: coming back to Chat from the sidebar, the session
# this browser had open is opened again (ownership is checked by chat.open, as for any id).
session_id = st.query_params.get("session") or st.session_state.get(OPEN)
if session_id:
    open_session(session_id)
    if opened := st.session_state.pop(TO_TOP, None):
        scroll_to_top(str(opened))
    keep_news_in_view()
    keep_reply_in_view()
    announce_replies()
    cut_long_pastes(MAX_MESSAGE_CHARS)

if not session_id:
    show_start(chat, ctx.repository, open_session)
    st.stop()


def offer_review(session_id: str) -> None:
    """A coach who follows a learner's chat link reads it where coaches read sessions: the
    chat refuses them (it is the learner's), but says where to go and takes them there."""
    try:
        thread = ctx.repository.get_thread(session_id=session_id)
    except AppError:
        return
    if thread is None:
        return
    st.info("This is a learner's session: coaches read and score sessions on Review.")
    if st.button("Open this learner on Review", key="open_on_review", type="primary"):
        open_review(learner_id=thread.learner_id)


try:
    ref = chat.open(session_id)
    domain, persona = chat.coach(ref)
except AppError as exc:
    st.session_state.pop(OPEN, None)  # not reopened from the sidebar next time
    show_error(exc)
    # a message sent into a session another tab deleted meanwhile is not lost (an audit's
    # pasted paragraph was): shown to copy into a new session
    typed_there = st.session_state.get(unsent_key(session_id)) or st.session_state.get(
        "chat_input"  # sent as this run began: the send never ran
    )
    if isinstance(typed_there, str) and typed_there.strip():
        st.warning("Your message was not sent. Here it is, to copy into a new session:")
        st.code(typed_there, language=None, wrap_lines=True)
    if isinstance(exc, NotAllowed) and ctx.role != "student":
        offer_review(session_id)
    if st.button("Back to your sessions", key="back"):
        close_session()
        st.rerun()
    st.stop()


ASKING = "confirm_delete_session"


def stop_asking() -> None:
    st.session_state.pop(ASKING, None)


@st.dialog("Delete this session?", on_dismiss=stop_asking)
def confirm_delete() -> None:
    """Open while the question is pending in session state, so the answer is seen whether
    Streamlit reruns the dialog alone or the whole page."""
    st.write(
        "Its messages, scores and assessments are deleted for good, and coaches will no "
        "longer see it."
    )
    no, yes = st.columns(2)  # the safe choice first, where a narrow screen stacks them
    if no.button("Keep it", key="cancel_delete"):
        stop_asking()
        st.rerun()
    if yes.button("Delete for good", type="primary", key="confirm_delete"):
        try:
            chat.delete(ref)
        except AppError as exc:
            show_error(exc)
            return
        stop_asking()
        close_session()
        st.rerun()


header, back, delete = st.columns([4, 1, 1])
header.header(domain.name, anchor=False)
if delete.button("Delete", key="delete_session", icon=":material/delete:"):
    st.session_state[ASKING] = ref.session_id
if st.session_state.get(ASKING) == ref.session_id:
    confirm_delete()
header.caption(widgets.domain_caption(domain.category, domain.difficulty))  # as the picker says
if back.button("All sessions", key="all_sessions"):
    close_session()
    st.rerun()

ENDED = "ended_session"  # the session whose report was just written: show it open
rounds = chat.transcript(ref)
report = chat.report(ref) if rounds else None
scored_now = sum(r.score is not None for r in rounds)
# Just ended, and nothing said since: the card is shown open, with a word about it.
just_ended = (
    st.session_state.get(ENDED) == ref.session_id
    and report is not None
    and report.rounds_scored == scored_now
)


# A coach's score for a round, shown beside the AI's as on My progress (a page run, not a send:
# a new round has no coach's score yet); a card written before it says so, as Review's does.
def round_reviews() -> list[RoundReview]:
    try:
        return ctx.repository.session_round_reviews(session_id=ref.session_id)
    except AppError:  # the AI's scores still show; the coach's wait for the next visit
        return []


reviewed = round_reviews() if rounds else []
changed = {r.round_id: human for r in reviewed if (human := widgets.human_of(r)) is not None}
if report is not None:
    widgets.show_report(
        report,
        scored_now=scored_now,
        expanded=just_ended,
        rounds=reviewed,
    )

with st.chat_message("assistant"):
    st.markdown(domain.default_opening or "Hello! What would you like to work on?")


def show_round(round_: CoachingRound) -> None:
    widgets.show_round(round_, persona.dimensions, human=changed.get(round_.id))


# The scholarship coach acts on news ("I submitted the Gates application"): what the
# learner's answer recorded follows its round, and a question still waiting for an answer is
# asked above the input (both live in the session's checkpoint, so a reload keeps them).
news_aware = persona.uses_game_plan


def news_note_after(round_number: int) -> str | None:
    note = chat.news_note(ref) if news_aware else None
    return note[1] if note is not None and note[0] == round_number else None


def show_note(text: str, round_number: int | None = None) -> None:
    if typed := TYPED.get((round_number, text)):
        with st.chat_message("user"):
            show_text(typed)
    with st.chat_message("assistant"):
        show_text(text)


# each line stays under its round: the newest only was shown, so the next message took
# "Recorded: … is submitted." out of the transcript
if news_aware:  # a question the Game plan answered meanwhile settles first, with its note
    chat.pending_question(ref)
lines = chat.news_lines(ref) if news_aware and rounds else []
notes = {line.round: line.text for line in lines}
# a yes or no typed to the coach's question, by the line it got: a browser audit's typed
# "no" vanished, leaving "Okay, not recorded." under nothing (kept with the line, so a
# reload shows it too)
TYPED = {(line.round, line.text): line.said for line in lines if line.said}
for round_ in rounds:
    show_round(round_)
    if note := notes.get(round_.round_number):
        show_note(note, round_.round_number)

# Rounds the conversation fragment has added since this full run: a send reruns only the
# fragment, which redraws them and the new exchange. After LIVE_MAX of them the page is
# redrawn once the reply and its assessment are on screen, so a fragment run stays small.
LIVE = f"live:{ref.session_id}"
LIVE_MAX = 3
st.session_state[LIVE] = []
FAILED = f"failed:{ref.session_id}"  # said once, inside the conversation (below)
ANSWERED = f"answered:{ref.session_id}"  # the line an answer to the coach's question got


def end_session_button() -> None:
    waiting = pending is not None  # the card would leave out the message waiting above
    if st.button(
        "End session",
        key="end_session",
        icon=":material/flag:",
        disabled=waiting,
        help="Retry the waiting message first." if waiting else None,
    ):
        try:
            with st.spinner("Writing your report card…"):
                chat.end_session(ref.session_id)
        except AppError as exc:
            show_error(exc)
        else:
            st.session_state[ENDED] = ref.session_id
            # the card is drawn at the top: an accessibility audit ended a session and found
            # nothing in view (and focus nowhere)
            st.session_state[TO_TOP] = f"ended:{ref.session_id}:{uuid4().hex}"
            st.rerun()


def stream_into_chat(
    tokens_source: Iterable[str], typed: str | None = None, *, redraw: bool = True
) -> None:
    """Stream the reply; if it fails midway, take back the partial text (a retry streams
    the whole reply again) and say what happened on the redrawn page, where the message
    waits for Retry. A message the database never stored (`typed`, refused or the database
    down) is kept on the page to send again.

    Without `redraw` (the conversation fragment), the round's assessment is shown under the
    reply and nothing else is redrawn: redrawing the whole transcript after every reply is
    what made a reply feel slow. A retry or a resend redraws, to clear the warning above."""
    with st.chat_message("assistant"):
        placeholder = st.empty()
        # a model judge can take seconds after the reply (the offline rubric is instant)
        scoring = st.empty() if slow_judge else None
        try:
            show_stream(
                tokens_source,
                placeholder,
                on_complete=(lambda: scoring.caption("Scoring your answer…")) if scoring else None,
            )
        except AppError as exc:
            placeholder.empty()
            if typed and typed.strip() and not stored(typed):
                st.session_state[UNSENT] = typed
                st.session_state[UNSENT_N] = st.session_state.get(UNSENT_N, 0) + 1
            st.session_state[FAILED] = str(exc)
            st.rerun()
        if scoring is not None:
            scoring.empty()
        latest = None if redraw else chat.last_round(ref)
        if latest is not None:
            widgets.show_assessment(latest, persona.dimensions)
    st.session_state.pop(UNSENT, None)
    # rounds above shown "Assessment pending" were scored by this send: redraw them too; and
    # rounds another tab added since this page was drawn (a robustness audit's tab showed
    # round 1, then round 3, and never round 2)
    seen = [r.round_number for r in (*rounds, *st.session_state[LIVE])]
    skipped = latest is not None and latest.round_number > max(seen, default=0) + 1
    if redraw or latest is None or skipped or chat.scored_earlier_rounds(ref):
        st.rerun()
    st.session_state[LIVE].append(latest)
    if len(st.session_state[LIVE]) >= LIVE_MAX:
        st.rerun()  # the reply and its assessment are already on screen


def stored(typed: str) -> bool:
    try:
        return chat.pending_message(ref) == typed.strip()
    except AppError:
        return False


UNSENT = unsent_key(ref.session_id)
UNSENT_N = f"{UNSENT}:n"  # each failed send, so the tab keeps each one


pending = chat.pending_message(ref)
if pending is not None:
    with st.chat_message("user"):
        show_text(pending)
    # what just went wrong, if anything, in one box above Retry (not a second one below)
    if failed := st.session_state.pop(FAILED, None):
        show_error(failed)
    else:
        st.warning("The coach has not answered this message yet. It is saved; you can retry.")
    if st.button("Retry", key="retry", type="primary"):
        stream_into_chat(chat.retry(ref))

unsent = st.session_state.get(UNSENT) if pending is None else None
if unsent:
    # kept by the tab too: an audit's reload, as the busy-tab note then said to do, lost it
    keep_in_tab(f"tl_draft:{ref.session_id}", unsent, st.session_state.get(UNSENT_N, 0))
    with st.chat_message("user"):
        show_text(unsent)
    st.warning("This message was not sent. Send it again, or discard it.")
    again, discard, _ = st.columns([1, 1, 4])
    if again.button("Send again", key="send_again", type="primary"):
        stream_into_chat(chat.send(ref, unsent), unsent)
    if discard.button("Discard", key="discard_unsent"):
        st.session_state.pop(UNSENT, None)
        st.rerun()


def answer_question(yes: bool, typed: str | None = None) -> None:
    """Resume the paused coach with the answer, then redraw the page: the round shows what
    was recorded, or the error says why nothing was (the question then stays open)."""
    try:
        with st.spinner("Recording…" if yes else "One moment…"):
            st.session_state[ANSWERED] = "".join(chat.answer(ref, yes, typed))
    except AppError as exc:
        st.session_state[FAILED] = str(exc)
    st.rerun()


def ask(question: PendingQuestion) -> None:
    with st.chat_message("assistant"):
        st.markdown(f"**{inert_text(question.question)}**")
        yes, no, _ = st.columns([1, 1, 4])
        if yes.button("Confirm", key="news_confirm", type="primary"):
            answer_question(True)
        if no.button("Not now", key="news_not_now"):
            answer_question(False)


@st.fragment
def conversation() -> None:
    """The new exchanges of this visit. Sending reruns only this fragment: the reply and its
    assessment appear without the page above being rebuilt."""
    use_reader_zone(ctx)  # its own run: the coach's "due today, 5:59 pm" is the student's time
    # here, not above the fragment: the next send reruns only the fragment, and an error
    # drawn outside it ("Type a message first.") stayed on the page round after round
    if failed := st.session_state.pop(FAILED, None):
        show_error(failed)
    # ending is a checkpoint, not a lock: the student may talk on and end again (not shown
    # while a new card is being written, beside its spinner)
    if just_ended and not st.session_state.get("end_session"):
        st.success(
            "Session ended: your report card is at the top. You can keep talking and end "
            "the session again to update it."
        )
    live: list[CoachingRound] = st.session_state.get(LIVE, [])
    for round_ in live:
        show_round(round_)
    # first, so a question the Game plan answered meanwhile is settled before the notes are
    # read: a browser audit pressed Confirm in a chat drawn before the Game plan's Cancel,
    # and the buttons vanished with no line until a reload
    question = chat.pending_question(ref) if news_aware else None
    shown = set(notes.values())
    if live and (note := news_note_after(live[-1].round_number)):
        show_note(note, live[-1].round_number)
        shown.add(note)
    # what an answer got, or what settling it just now said, when no round above shows it
    # (the transcript's notes were read before this fragment settled anything)
    latest = chat.news_note(ref) if news_aware else None
    for extra in (latest[1] if latest else None, st.session_state.pop(ANSWERED, None)):
        if extra and extra not in shown:
            show_note(extra, latest[0] if latest else None)
            shown.add(extra)
    if question is not None:
        ask(question)
    # Inside a fragment the input is not docked to the window's bottom: the new exchange and
    # the End session button go above it, where a conversation reads on.
    exchange, ending = st.container(), st.container()
    if pending is not None:
        placeholder = "Retry the message above first"
    elif question is not None:  # talking on leaves it unanswered; a typed yes or no answers
        placeholder = "Confirm or Not now above, type yes or no, or just keep talking"
    else:
        # the limit said before anything is typed; a longer paste is cut to fit and says so
        placeholder = f"Message your coach (up to {MAX_MESSAGE_CHARS:,} characters)"
    prompt = st.chat_input(
        placeholder,
        disabled=pending is not None,
        max_chars=MAX_MESSAGE_CHARS,
        key="chat_input",
        # nothing more is sent while a reply is on its way: an audit's second message, sent
        # during a slow reply that then failed, reached a box the kept first one had disabled,
        # and was gone without a trace
        submit_mode="disable",
    )
    if prompt and question is not None and (said := yes_or_no(prompt)) is not None:
        answer_question(said, prompt)  # "yes" to "Mark … as submitted?" is its Confirm
    if prompt:
        with exchange:
            with st.chat_message("user"):
                show_text(prompt)
            # a report card or an unsent message above would be out of date after this reply
            stale = bool(unsent) or report is not None
            stream_into_chat(chat.send(ref, prompt), prompt, redraw=stale)
        if news_aware and (
            question is not None  # gone past: its buttons go, its note shows under its round
            or chat.pending_question(ref) is not None
            or news_note_after(st.session_state[LIVE][-1].round_number)
        ):
            st.rerun()  # news (rare): redraw with the question or the note
    if rounds or st.session_state[LIVE]:
        with ending:
            end_session_button()


conversation()
