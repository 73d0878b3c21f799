"""The open session's header on Review says when the session began and how many rounds it
has, whatever the period hides: an audit read "Started Dec 2 · 1 round in these filters" of
a session begun Nov 30 with four, the period having moved past three of them. And a session
its learner deletes while it is open is said to be gone."""

from __future__ import annotations

from coach import clock
from tests.app.conftest import execute, plain, query, select_row
from tests.app.review_steps import first_round_of_selected, open_review


def test_the_header_counts_the_whole_session_and_says_what_the_period_shows(
    app_env: str,
) -> None:
    [session] = query(
        "select session_id, count(*) as n from coaching_sessions where session_id is not null "
        "group by session_id having count(*) >= 3 order by session_id limit 1"
    )
    execute(
        "update coaching_sessions set created_at = case when round_number = 1 "
        "then app_now() - interval '40 days' "
        "else app_now() - make_interval(mins => 10 - round_number) end "
        "where session_id = %s",
        session["session_id"],
    )
    [first] = query(
        "select created_at from coaching_sessions where session_id = %s and round_number = 1",
        session["session_id"],
    )
    at = select_row(open_review(period="30d"))  # its newest rounds lead the table
    [caption] = [c.value for c in at.caption if c.value.startswith("Started ")]
    began = clock.short_date(first["created_at"], clock.now())
    n = session["n"]
    assert caption.startswith(f"Started {began}"), caption
    assert f"{n} rounds ({n - 1} in these filters)" in caption, caption


def test_a_note_kept_from_an_earlier_review_is_said_as_its_writers(app_env: str) -> None:
    """A coach-review audit read Dr. Rivera's note under the name of the admin who marked the
    session reviewed again without one."""
    at = select_row(open_review(period="30d"))
    [row] = query(
        "select session_id from coaching_sessions where id = %s", first_round_of_selected(at)
    )
    execute(
        "insert into coaching_session_reviews (session_id, reviewer_name, reviewed_at, note, "
        "note_by_name, noted_at) values (%s, 'Alex Admin', app_now(), 'Second look: fine', "
        "'Dr. Sam Rivera', app_now() - interval '1 hour') on conflict (session_id) do update "
        "set reviewer_name = excluded.reviewer_name, reviewed_at = excluded.reviewed_at, "
        "note = excluded.note, note_by_name = excluded.note_by_name, noted_at = excluded.noted_at",
        row["session_id"],
    )
    at.run()
    said = " ".join(plain(m.value) for m in at.markdown)
    assert "by Alex Admin, " in said and "Dr. Sam Rivera's note, " in said, said
    assert "“Second look: fine”" in said


def test_a_session_its_learner_deleted_while_open_is_said_to_be_gone(app_env: str) -> None:
    """A robustness audit: the coach's half-typed override and note vanished with the session
    view, without a word."""
    at = select_row(open_review())
    [submit] = [b for b in at.button if b.key and b.key.startswith("review_submit_")]
    session_id = submit.key.removeprefix("review_submit_")
    execute("delete from coaching_threads where session_id = %s", session_id)
    at.run()
    assert not at.exception, at.exception
    assert any("was deleted by its learner" in w.value for w in at.warning)
    at.run()  # said once, not on every run after
    assert not any("was deleted by its learner" in w.value for w in at.warning)
