"""Review's actions on an open session: overriding a round's score (refused when it already
has that score, or when another coach changed it since the form was drawn) and marking the
session reviewed with a note. Each runs as a button's on_click, before the page is drawn,
and leaves a sentence for the page to show (`flash`) or an error beside its form."""

from __future__ import annotations

from uuid import UUID

import streamlit as st

from app_pages import widgets
from app_pages.render import show_error
from app_pages.review_table import ACTED
from coach.analytics import SessionRow
from db.errors import AppError
from db.models import NoteSeen, RoundReview
from db.repository import Repository

FLASH = "review_flash"


def flash(message: str) -> None:
    st.session_state[FLASH] = message


def came_in_since(repository: Repository, session_id: str, seen_round: int | None) -> str:
    """ " Round 5 came in since this page was drawn: it is shown now, still to review." or
    "": a review covers only the rounds its page showed (a robustness audit's crisis round,
    sent while the coach's tab was open, was marked reviewed unseen)."""
    if seen_round is None:
        return ""
    try:
        rounds = repository.session_round_reviews(session_id=session_id)
    except AppError:
        return ""
    newer = [r.round_number for r in rounds if r.round_number > seen_round]
    if not newer:
        return ""
    which = (
        f"Round {newer[0]} came"
        if len(newer) == 1
        else f"Rounds {', '.join(map(str, newer[:-1]))} and {newer[-1]} came"
    )
    return f" {which} in since this page was drawn: shown now, still to review."


def submit_override(
    repository: Repository,
    round_id: UUID,
    round_number: int,
    current: int | None,
    session: tuple[str, str, str],
    seen_round: int | None,
) -> None:
    """Runs before the page (a form's on_click): the page then draws the stored score.

    The score it already has is refused: a browser drops a number typed outside 1-10 (0, 11,
    an empty box) and keeps the one shown, so an audit's "11" stored the AI's 7 as the
    coach's, marked the session reviewed and showed the learner "AI 7/10 → coach 7/10"."""
    reason_key, score_key = f"override_reason_{round_id}", f"override_score_{round_id}"
    error_key = f"override_error_{round_id}"
    st.session_state.pop(error_key, None)
    score = int(st.session_state[score_key])
    try:  # another coach may have changed it since this form was drawn (an audit's two tabs)
        latest = next(iter(repository.score_overrides(round_id=round_id)), None)
    except AppError as exc:
        st.session_state[error_key] = str(exc)
        return
    if latest is not None and latest.score != current:
        st.session_state[error_key] = (
            f"{latest.coach_name} changed round {round_number} to {latest.score}/10 "
            f"({widgets.moment(latest.created_at)}) after this page showed it. Look at it "
            "again, then Override if it still needs changing."
        )
        return
    if score == current:
        st.session_state[error_key] = (
            f"Round {round_number} already scores {score}/10. Enter the score it should have, "
            "a whole number from 1 to 10, then Override."
        )
        return
    try:
        repository.override_round_score(
            round_id=round_id,
            score=score,
            reason=st.session_state.get(reason_key) or "",
            seen_round=seen_round,
        )
    except AppError as exc:  # the reason stays in the form, to fix and send again
        st.session_state[error_key] = str(exc)
        return
    st.session_state[reason_key] = ""
    st.session_state[ACTED] = session
    newer = came_in_since(repository, session[0], seen_round)
    said = f"Round {round_number} now scores {score}/10. The session is marked reviewed.{newer}"
    st.session_state[f"override_done_{round_id}"] = said  # beside the button pressed, too
    flash(said)


def submit_reviewed(
    repository: Repository, session_id: str, seen_round: int | None, note_seen: NoteSeen
) -> None:
    note_key, error_key = f"review_note_{session_id}", f"review_error_{session_id}"
    st.session_state.pop(error_key, None)
    try:
        repository.mark_session_reviewed(
            session_id=session_id,
            note=(st.session_state.get(note_key) or "").strip() or None,
            seen_round=seen_round,
            note_seen=note_seen,
        )
    except AppError as exc:  # the note stays in its box, beside the one written since
        st.session_state[error_key] = str(exc)
        return
    st.session_state[note_key] = ""
    newer = came_in_since(repository, session_id, seen_round)
    if not newer:
        st.session_state.pop(ACTED, None)  # done with it: it goes with its row
    flash(f"Session marked reviewed.{newer}")


def override_form(repository: Repository, r: RoundReview, seen_round: int | None) -> None:
    key = str(r.round_id)
    error = st.session_state.get(f"override_error_{key}")
    done = st.session_state.pop(f"override_done_{key}", None)
    # open when it has something to fix: the rerun after Override closed every expander, and
    # the refusal inside it went unseen; and open after it worked, so the Override button
    # pressed is still there to hold keyboard focus (an accessibility audit's focus fell to
    # the page's body, the result 2,100 px above)
    with st.expander(
        f"Override round {r.round_number}'s score",
        icon=":material/edit:",
        expanded=bool(error or done),
    ):
        if r.override_count:
            try:
                widgets.show_override_history(repository.score_overrides(round_id=r.round_id))
            except AppError as exc:
                show_error(exc)
            if r.ai_score is not None and r.human_score not in (None, r.ai_score):
                st.caption(
                    f"To undo it, set it back to the AI's {r.ai_score}/10: the learner then "
                    "sees the AI's score again, not a coach's."
                )
        # no form: a form keeps what is typed in the browser until it is sent, so a reason
        # half written was lost on a switch to another page (app_pages.context.STICKY keeps it)
        score_key = f"override_score_{key}"
        st.number_input(
            "Score (1-10)",
            min_value=1,
            max_value=10,
            step=1,
            value=r.score if r.score is not None else 5,
            key=score_key,
        )
        st.text_area(
            "Why (shown to the learner)",
            max_chars=500,
            placeholder="What the AI's score missed, in a sentence or two.",
            key=f"override_reason_{key}",
        )
        st.button(
            "Override",
            type="primary",
            key=f"override_submit_{key}",
            on_click=submit_override,
            args=(
                repository,
                r.round_id,
                r.round_number,
                r.score,
                (r.session_id, r.learner_id, r.domain_id),
                seen_round,
            ),
        )
        if error:
            show_error(error)
        elif done:
            st.success(done, icon=":material/check_circle:")


def review_form(
    repository: Repository, session: SessionRow, seen_round: int | None, note_seen: NoteSeen
) -> None:
    """The note and Mark reviewed, for the rounds shown (`seen_round`, the newest) and the
    note shown (`note_seen`)."""
    key = session.session_id
    st.text_input("Note (optional, for other coaches)", max_chars=1000, key=f"review_note_{key}")
    st.button(
        "Mark reviewed" if not session.reviewed else "Mark reviewed again",
        key=f"review_submit_{key}",
        icon=":material/task_alt:",
        on_click=submit_reviewed,
        args=(repository, key, seen_round, note_seen),
    )
    if error := st.session_state.get(f"review_error_{key}"):
        show_error(error)
