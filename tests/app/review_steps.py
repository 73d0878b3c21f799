"""What a coach does on the Review page, as steps its test modules share: open it as a
fresh browser session, read its KPIs, pick a filter by what it shows, override a round."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.app.conftest import RIVERA, signed_in_app


def open_review(user: str = RIVERA, period: str | None = "all") -> AppTest:
    """A coach's fresh browser session: Review is where they land."""
    at = signed_in_app(user)
    assert not at.exception, at.exception
    assert [t.value for t in at.title] == ["Review"]
    if period is not None:
        at.selectbox(key="review_period").set_value(period).run()
        assert not at.exception, at.exception
    return at


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def deltas(at: AppTest) -> dict[str, str]:
    return {m.label: m.proto.delta for m in at.metric}


def learner_options(at: AppTest) -> list[str]:
    return [o for o in at.selectbox(key="review_learner").options if o != "All learners"]


def pick(at: AppTest, key: str, label: str) -> AppTest:
    """Choose a selectbox option by what it shows (the options are ids shown as names)."""
    box = at.selectbox(key=key)
    box.select_index(box.options.index(label)).run()
    assert not at.exception, at.exception
    return at


def override(at: AppTest, round_id: str, score: int, reason: str) -> AppTest:
    at.number_input(key=f"override_score_{round_id}").set_value(score)
    at.text_area(key=f"override_reason_{round_id}").input(reason)
    at.button(key=f"override_submit_{round_id}").click().run()
    assert not at.exception, at.exception
    return at


def first_round_of_selected(at: AppTest) -> str:
    keys = [n.key for n in at.number_input if n.key and n.key.startswith("override_score_")]
    return keys[0].removeprefix("override_score_")
