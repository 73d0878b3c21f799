"""Discovery: run a scholarship search for this student, watch it step by step, then weigh
each match by its trust and need-match reasons, track it or set it aside; the listings the
trust check removed are listed apart, with the red flags that removed them.

The run lives server-side (it goes on if the student leaves the page); this page only polls
it, and after a refresh or a new sign-in shows the last run's results again."""

from __future__ import annotations

from uuid import UUID

import streamlit as st

from app_pages.context import context
from app_pages.discovery_parts import SORTS, bullet_list, money, when_due
from app_pages.render import inert_text, show_error
from coach import clock
from coach.coach_state import CoachState, db_to_coach_state
from coach.finder import MAX_QUERY, finds, query_roots
from coach.text import and_list
from coach.trust import BASE_SCORE
from db.errors import AppError, Conflict
from graph.discovery import DiscoveryView, FilteredListing, Match, RunProgress
from graph.search import TavilySearch

ctx = context(roles=("student",), on_discovery=True)
assert ctx.identity is not None
service = ctx.discovery

POLL_S = 1.0
FEEDBACK = "discovery_feedback"  # (result id, "success" | "info" | "error", sentence)
# What the last click did, said once: on the redraw right after it, not on a later visit.
said: tuple[str, str, str] | None = st.session_state.pop(FEEDBACK, None)
STEPS = (
    ("searching", "Searching for scholarships"),
    ("verifying", "Verifying listings (trust check, need match)"),
    ("prioritizing", "Prioritizing your matches"),
)
JUST_RAN = "discovery_just_ran"  # the run this browser session started last
SORT_KEPT = "discovery_sort_kept"  # the order picked, through a visit to another page
SORT_PARAM = "sort"  # ... and through a refresh
FIND = "discovery_find"  # kept through a visit to another page (app_pages.context.STICKY)


def search_label() -> str:
    """Says honestly where the listings come from: the provider this service will use."""
    if isinstance(service.search, TavilySearch):
        return "Web search (Tavily) — it sees only anonymized labels, never your SAI."
    return (
        "Offline catalog search — a built-in catalog of real programs plus a few labelled "
        "scams; nothing leaves this computer."
    )


def step_lines(progress: RunProgress) -> list[str]:
    """Each node of the run: done, under way (with its detail), or still to come."""
    order = [step for step, _ in STEPS]
    current = order.index(progress.step) if progress.step in order else len(order)
    lines = []
    for i, (_step, words) in enumerate(STEPS):
        if i < current:
            lines.append(f":material/check_circle: {words}")
        elif i == current:
            detail = f" — {inert_text(progress.detail)}" if progress.detail else ""
            lines.append(f":material/progress_activity: **{words}**{detail}")
        else:
            lines.append(f":material/radio_button_unchecked: {words}")
    return lines


def status_label(progress: RunProgress) -> str:
    if progress.detail:
        return progress.detail[:1].upper() + progress.detail[1:] + "…"
    return dict(STEPS).get(progress.step, "Working") + "…"


@st.fragment(run_every=POLL_S)
def live_progress(run_id: UUID) -> None:
    """Polls the run; when it ends, the whole page is redrawn with its results."""
    try:
        progress = service.progress(run_id)
    except AppError as exc:
        show_error(exc)
        return
    if progress.status != "running":
        st.rerun(scope="app")
    with st.status(status_label(progress), expanded=True, state="running"):
        st.markdown("  \n".join(step_lines(progress)))
        st.caption("You can leave this page: the search goes on, and you will be told when done.")


def show_feedback(result_id: str) -> None:
    if not said or said[0] != result_id:
        return
    _, kind, sentence = said
    # inert: a sentence can carry a listing's title
    {"success": st.success, "info": st.info}.get(kind, st.error)(inert_text(sentence))


def show_match(view: DiscoveryView, match: Match, state: CoachState | None) -> None:
    tracked = state is not None
    with st.container(border=True, key=f"match_{match.id}"):
        title, actions = st.columns([3, 1], vertical_alignment="top")
        with title:
            st.subheader(inert_text(match.title), anchor=False)
            facts = [inert_text(match.provider or "Provider not stated"), money(match.amount)]
            facts.append(when_due(match, state))
            st.markdown(" · ".join(facts))
            # as text to copy exactly (a copy button, no link to follow): an inert caption
            # breaks the address's autolink with an invisible character a paste keeps
            st.code(match.url, language=None, wrap_lines=True)
        # a deadline gone: nothing to send, so nothing to track (an audit tracked one 11 days
        # late, and the Game plan then said it was missed "while it was still tracked")
        closed = not tracked and match.deadline is not None and match.deadline <= clock.now()
        with actions:
            ruled_out = not tracked and not closed and match.need_match_score == 0
            track = st.button(
                "Tracked"
                if tracked
                else "Closed"
                if closed
                else "Track anyway"
                if ruled_out
                else "Track",
                key=f"track_{match.id}",
                icon=":material/check:"
                if tracked
                else ":material/event_busy:"
                if closed
                else ":material/add_task:",
                type="secondary" if tracked or closed else "primary",
                width="stretch",
                disabled=closed,
                # no help on "Track anyway": a button with help is drawn twice (a sizing
                # copy), and its ✗ lines and the note after tracking say why
                help="Its deadline has passed, so it can't be sent any more." if closed else None,
            )
            dismiss = st.button(
                "Dismiss for this run",
                key=f"dismiss_{match.id}",
                icon=":material/visibility_off:",
                width="stretch",
            )
        # next to the buttons: under the reasons, a phone showed "Tracked: …" below the
        # screen (an accessibility audit)
        show_feedback(match.id)
        if view.passed_since_run(match, clock.now()):
            st.caption(
                ":material/history: Its deadline passed after this search, so the reasons "
                "below are as of the search: run discovery again for today's picture."
            )
        trust, need = st.columns(2)
        with trust:
            st.markdown(f"**Trust score {match.trust_score}/100**")
            # an audit added up "+25 … +10 … +5 … +5" to 45 under a score of 95
            if match.trust_reasons:
                st.caption(f"Every listing starts at {BASE_SCORE}; these moved it:")
                st.markdown(bullet_list(match.trust_reasons))
        with need:
            st.markdown(f"**Need match {match.need_match_score}/100**")
            st.markdown(bullet_list(match.need_explanations))
    if track:
        try:
            service.track(view.run_id, match.id)
        except Conflict:
            feedback = (
                match.id,
                "info",
                "You are already tracking this scholarship: it is on your Game plan, where it "
                "can also come off your plan (⋯ → Stop tracking).",
            )
        except AppError as exc:
            feedback = (match.id, "error", str(exc))
        else:
            unmet = "; ".join(line for line in match.need_explanations if "✗" in line)
            feedback = (
                (
                    match.id,
                    "info",
                    f"Tracked, though your profile rules it out ({unmet or 'need match 0'}). "
                    "Check the sponsor's rules before you put time in: Stop tracking on the "
                    "Game plan (⋯) takes it off.",
                )
                if match.need_match_score == 0
                else (
                    match.id,
                    "success",
                    "Tracked: it is on your applications now, and your coach will plan it "
                    "with you.",
                )
            )
        st.session_state[FEEDBACK] = feedback
        st.rerun()
    if dismiss:
        try:
            service.dismiss(view.run_id, match.id)
        except AppError as exc:
            st.session_state[FEEDBACK] = (match.id, "error", str(exc))
        else:
            st.session_state[FEEDBACK] = (  # the card is gone: a toast is seen where it was
                "toast",
                "info",
                f"Dismissed “{match.title}” for this run: it is under "
                "Dismissed at the end of your matches, if you want it back.",
            )
        st.rerun()


def show_dismissed(view: DiscoveryView) -> None:
    """Dismissed matches stay within reach: a mis-click is undone here, not by a new run."""
    with st.expander(f"Dismissed ({len(view.dismissed)})", icon=":material/visibility_off:"):
        for match in view.dismissed:
            title, action = st.columns([3, 1], vertical_alignment="center")
            with title:
                st.markdown(
                    f"**{inert_text(match.title)}** · {money(match.amount)} · {when_due(match)}"
                )
            with action:
                if st.button(
                    "Bring back",
                    key=f"restore_{match.id}",
                    icon=":material/undo:",
                    width="stretch",
                ):
                    try:
                        service.restore(view.run_id, match.id)
                    except AppError as exc:
                        st.session_state[FEEDBACK] = ("", "error", str(exc))
                    else:
                        st.session_state[FEEDBACK] = (
                            "",
                            "info",
                            f"“{match.title}” is back among your matches.",
                        )
                    st.rerun()


def show_filtered(listing: FilteredListing) -> None:
    with st.container(border=True):
        st.markdown(
            f"**{inert_text(listing.title)}** · {inert_text(listing.provider or 'no provider')}"
        )
        st.caption(inert_text(listing.url))
        st.markdown(bullet_list(listing.red_flags))


def tracked_states() -> dict[UUID, CoachState]:
    """Each tracked scholarship's coach state: a submitted one is not "overdue"."""
    assert ctx.identity is not None and ctx.identity.user_id is not None
    try:
        applications = ctx.repository.list_applications(user_id=ctx.identity.user_id)
    except AppError:
        return {}
    return {a.scholarship_id: db_to_coach_state(a.status, a.metadata) for a in applications}


def show_results(view: DiscoveryView) -> None:
    if view.status == "failed":
        st.error(
            inert_text(view.message)
            if view.message
            else "The last discovery run could not finish. Please run it again."
        )
        return
    if view.failure:  # the newest run failed: its reason, then the last search that finished
        st.error(
            f"{inert_text(view.failure)} Below are the matches of your last search that finished.",
            icon=":material/error:",
        )
    # the cards' titles are h3: their section heading (a regression audit found them straight
    # under the page's h1)
    st.header("Your search results", anchor=False)
    when = clock.short_date(view.finished_at, clock.now()) if view.finished_at else None
    last = "Last finished search" if view.failure else "Last run"
    summary = [f"{last} {when}" if when else last, inert_text(view.message or "")]
    caption = " · ".join(part for part in summary if part)
    if view.dismissed:  # a sentence of its own: "…were left out. · You dismissed 1" read badly
        dismissed = f"You dismissed {len(view.dismissed)}, listed at the end"
        caption += f" {dismissed}." if caption.endswith(".") else f" · {dismissed}"
    st.caption(caption)
    if changed := service.changed_since(view, ctx.profile):
        st.warning(
            f"Your {and_list(changed)} changed on your Profile since this search, so its "
            "matches and need-match reasons are as of then. Run discovery again to see what "
            "is open to you now.",
            icon=":material/update:",
        )
    if said and said[0] == "":
        {"info": st.info}.get(said[1], st.error)(inert_text(said[2]))
    if said and said[0] == "toast":
        st.toast(inert_text(said[2]), icon=":material/visibility_off:")
    # as the run's summary counts them ("Found 35 … (and 36 more your profile rules out)"):
    # an audit's tab said "Matches (71)" beside it
    folded = sum(m.need_match_score == 0 for m in view.matches)
    counted = f"{len(view.matches) - folded} + {folded} ruled out" if folded else len(view.matches)
    matches_tab, filtered_tab = st.tabs(
        [f"Matches ({counted})", f"Filtered out ({len(view.filtered_out)})"]
    )
    with matches_tab:
        if not view.matches:
            st.info(
                "No matches to show for this run. Run discovery again to search afresh."
                if not view.dismissed
                else "You dismissed every match of this run: bring one back below, or run "
                "discovery again to search afresh."
            )
        else:
            # a widget's own state goes when another page is shown, the session's on F5: the
            # choice is kept in both, and the address (which a page switch clears) mirrors it
            sorts = list(SORTS)
            kept = st.session_state.get(SORT_KEPT) or st.query_params.get(SORT_PARAM)
            find_box, sort_box = st.columns([3, 2], vertical_alignment="bottom")
            with find_box:
                typed = st.text_input(
                    "Find in your matches",
                    key=FIND,
                    max_chars=MAX_QUERY,
                    placeholder="A name, sponsor or word: nursing, Texas, Dell",
                    help="Shows the matches whose name, sponsor or reasons have every word "
                    "you type. Clear the box to see them all.",
                )
            with sort_box:
                order = st.selectbox(
                    "Sort by",
                    sorts,
                    index=sorts.index(kept) if kept in SORTS else 0,
                    format_func=lambda key: SORTS[key][0],
                    key="discovery_sort",
                )
            st.session_state[SORT_KEPT] = order
            if order == sorts[0]:
                st.query_params.pop(SORT_PARAM, None)
            elif st.query_params.get(SORT_PARAM) != order:
                st.query_params[SORT_PARAM] = order
            tracked = tracked_states()
            roots = query_roots(typed or "")
            ranked = [
                m
                for m in sorted(view.matches, key=SORTS[order][1])
                if finds(roots, (m.title, m.provider, *m.need_explanations))
            ]
            if roots:
                shown_words = inert_text(" ".join((typed or "").split()))
                if not ranked:
                    st.info(
                        f"No match has “{shown_words}” in its name, sponsor or reasons. Try "
                        f"fewer words, or clear the box to see all {len(view.matches)}."
                    )
                else:
                    st.caption(
                        f"Showing {len(ranked)} of {len(view.matches)} matches with "
                        f"“{shown_words}”."
                    )
            # a need match of 0 is a GPA, state, major or Pell rule the student does not meet:
            # kept (the profile may be wrong) but folded away, below the ones open to them
            open_to_you = [m for m in ranked if m.need_match_score > 0]
            ruled_out = [m for m in ranked if m.need_match_score == 0]
            if ruled_out:
                st.caption(
                    f"Open to you: {len(open_to_you)}. Ruled out by your profile: "
                    f"{len(ruled_out)}, folded at the end."
                )
            for match in open_to_you:
                show_match(view, match, tracked.get(match.scholarship_id))
            if ruled_out:
                with st.expander(
                    f"Not open to you ({len(ruled_out)}): your GPA, state, major, school "
                    "year or Pell status rules them out",
                    icon=":material/block:",
                ):
                    for match in ruled_out:
                        show_match(view, match, tracked.get(match.scholarship_id))
        if view.dismissed:
            show_dismissed(view)
    with filtered_tab:
        st.caption(
            "The trust check removed these listings. Each one's red flags say why: do not pay "
            "or share account details with any of them."
        )
        if not view.filtered_out:
            st.info("Nothing was filtered out this time.")
        for listing in view.filtered_out:
            show_filtered(listing)


st.title("Discovery", anchor=False)
st.caption(search_label())

profile = ctx.profile
if profile is None:
    st.info(
        "You have no profile yet: discovery needs your GPA, state, major and financial need "
        "to match scholarships to you."
    )
    st.page_link("app_pages/profile.py", label="Fill in your profile", icon=":material/person:")
    st.stop()
if profile.gpa is None and not profile.state and not profile.intended_major:
    st.caption(
        "Your profile has no GPA, state or major yet, so many requirements will read “unknown”."
    )
    st.page_link("app_pages/profile.py", label="Complete your profile", icon=":material/person:")
elif profile.school_year is None:  # many awards are for one year only: seniors, juniors
    st.caption(
        "Your profile has no school year yet, so scholarships for one year only (such as "
        "high school seniors or college juniors) will read “unknown”."
    )
    st.page_link("app_pages/profile.py", label="Add your school year", icon=":material/school:")

try:
    view = service.latest()
except AppError as exc:
    show_error(exc)
    st.stop()
running = view is not None and view.status == "running"

if st.button(
    "Run discovery",
    key="run_discovery",
    type="primary",
    icon=":material/travel_explore:",
    disabled=running,
):
    try:
        st.session_state[JUST_RAN] = service.start()
    except AppError as exc:
        show_error(exc)
    else:
        st.rerun()

if view is None:
    st.info("Run discovery to find scholarships that fit your profile.")
elif running:
    live_progress(view.run_id)
else:
    if view.status == "completed" and view.failure is None:
        # The steps the run went through, all done: open right after this browser started
        # it (a quick run can end before the page first polls it), folded after that. Always
        # drawn, so the cards below keep their place when a click redraws the page.
        just_ran = view.run_id == st.session_state.get(JUST_RAN)
        with st.status("Search complete", expanded=just_ran, state="complete"):
            st.markdown("  \n".join(f":material/check_circle: {words}" for _, words in STEPS))
    show_results(view)
