"""The Game plan with a second tab open (or the chat) as a student has it: a click on a card
moved on, taken off the plan or a question answered meanwhile changes nothing and says so.
Against the real embedded database with the demo student Maya."""

from __future__ import annotations

from app_pages.game_plan_parts import answered_elsewhere, moved_on
from tests.app.conftest import plain, query
from tests.app.game_plan_steps import (
    COCA_COLA,
    HOMETOWN,
    check_ins,
    click,
    dialog_text,
    open_page,
    row,
)


# a card another tab moved on ---------------------------------------------------------------
def test_a_click_on_a_card_another_tab_moved_on_changes_nothing_and_says_so(app_env: str) -> None:
    """An audit: such a click was dropped without a word, or fell on the new card's button of
    the same name: Start drafting, clicked on a card another tab had sent to Review, moved it
    back to drafting."""
    hometown = row(HOMETOWN)
    here = open_page()
    there = click(open_page(), f"move_drafting_{hometown['id']}")
    click(there, f"move_review_{hometown['id']}")
    click(here, f"move_drafting_{hometown['id']}")  # Review's Back to drafting has this key
    assert row(HOMETOWN)["metadata"]["coach_state"] == "review"
    assert not here.success
    assert [plain(i.value) for i in here.info if "Nothing changed" in i.value] == [
        moved_on(HOMETOWN, "Review")
    ]
    click(here, f"move_drafting_{hometown['id']}")  # the card as it is now: applied
    assert row(HOMETOWN)["metadata"]["coach_state"] == "drafting"
    assert [plain(m.value) for m in here.success] == [f"{HOMETOWN} is in drafting now."]


def test_a_click_on_a_card_another_tab_took_off_the_plan_says_so(app_env: str) -> None:
    hometown = row(HOMETOWN)
    here = open_page()
    click(open_page(), f"untrack_{hometown['id']}")
    click(here, f"move_drafting_{hometown['id']}")
    assert not here.error and not here.success
    assert [plain(t.value) for t in here.toast] == [moved_on(HOMETOWN, None)]
    assert not query("select 1 from applications where id = %s", hometown["id"])


def test_an_answer_to_a_question_another_tab_answered_changes_nothing(app_env: str) -> None:
    coca = row(COCA_COLA)
    [task] = check_ins(coca["id"])
    here = open_page()
    click(open_page(), f"heard_not_yet_{task['id']}")
    [answered] = check_ins(coca["id"])
    click(here, f"heard_won_{task['id']}")
    assert not dialog_text(here)  # no Won to confirm
    assert [plain(t.value) for t in here.toast] == [answered_elsewhere(COCA_COLA)]
    assert check_ins(coca["id"]) == [answered]
    assert "pending_transition" not in row(COCA_COLA)["metadata"]
