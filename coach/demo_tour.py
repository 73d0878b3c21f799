"""The guided tour: the product's five flows as steps a presenter clicks through, each on
the right page as the right demo person, with one sentence of what to show there.

Pure data and link building: the Demo page lists the steps, the router follows a step's link
(`?as=<person>&tour=<n>`) by signing in as that demo person, and the browser suite walks the
same steps end to end (tests/e2e/test_tour_browser.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

AS_PARAM = "as"
TOUR_PARAM = "tour"

# Demo people by the first part of their email (seeds/demo.json).
PEOPLE = {
    "maya": "Maya Torres",
    "jordan": "Jordan Lee",
    "priya": "Priya Shah",  # nothing tracked yet: the scholarship coach starts her off
    "rivera": "Dr. Sam Rivera",
    "alex": "Alex Admin",
}


@dataclass(frozen=True)
class TourStep:
    flow: str
    title: str
    person: str  # a key of PEOPLE
    url_path: str  # the page's url path ("" is the person's landing page)
    show: str  # one sentence: what to show there

    @property
    def person_name(self) -> str:
        return PEOPLE[self.person]


STEPS: tuple[TourStep, ...] = (
    TourStep(
        "Coaching",
        "Chat with a coach",
        "maya",
        "chat",
        "Pick the Sales coach, answer its opening question, and point at the Assessment "
        "under the reply: a 1-10 score with a reason for each dimension.",
    ),
    TourStep(
        "Coaching",
        "End the session: the report card",
        "maya",
        "chat",
        "Resume the Sales session from the list, then press End session: the report card "
        "sums up the rounds, the strengths and the next steps against the coach's success "
        "conditions.",
    ),
    TourStep(
        "Coaching",
        "A new student's first session",
        "priya",
        "chat",
        "Priya tracks nothing yet: pick the Scholarship coach and say where she stands; it is "
        "said back, not scored, and the coach starts her plan from a first search.",
    ),
    TourStep(
        "Discovery",
        "Profile: what a search sees",
        "jordan",
        "profile",
        "Jordan's GPA, state, major and SAI; below, the labels and phrases a search sees, "
        "with no numbers in them: the SAI never leaves TuitionLift.",
    ),
    TourStep(
        "Discovery",
        "Discovery: run, verify, track",
        "jordan",
        "discovery",
        "Run discovery, open a match's trust and need-match reasons, show the scams on "
        "Filtered out, then Track a match.",
    ),
    TourStep(
        "Game plan",
        "Game plan: confirm Submitted",
        "jordan",
        "game-plan",
        "The Top 3 with countdowns and next actions; Mark submitted on an application and "
        "show that nothing is recorded until Yes, I submitted it.",
    ),
    TourStep(
        "Game plan",
        "Three weeks later",
        "alex",
        "demo",
        "Move the demo clock +3 weeks: every page shows the demo time badge.",
    ),
    TourStep(
        "Game plan",
        "Have you heard back? Confirm Won",
        "jordan",
        "game-plan",
        "The 21-day check-in asks “Have you heard back?”: press I won, then Yes, I won it, "
        "and watch Total Debt Lifted grow.",
    ),
    TourStep(
        "Nudges",
        "Deadline emails after three days",
        "alex",
        "demo",
        "Back to now, then +3 days, then Run the sidecar now: one email per student with a "
        "deadline inside 72 hours, and a second run sends nothing.",
    ),
    TourStep(
        "Nudges",
        "Read them in the Outbox",
        "alex",
        "outbox",
        "Open the deadline email the sweep kept: one per student, listing every application "
        "due soon, rebuilt from its template.",
    ),
    TourStep(
        "Nudges",
        "A reminder on the dashboard",
        "maya",
        "",
        "The sweep's reminder for Maya (her check-in, Have you heard back?) pops up once as a "
        "toast on Home; a refresh does not show it again.",
    ),
    TourStep(
        "Coach review",
        "Review a session and override a score",
        "rivera",
        "",
        "Filter to Maya Torres, pick a session, read it round by round and Override a "
        "round's score with a reason.",
    ),
    TourStep(
        "Coach review",
        "The student sees the coach's score",
        "maya",
        "progress",
        "My progress shows the overridden round: the coach's score beside the AI's, and why.",
    ),
)


def step_link(number: int) -> str:
    """The link that opens step `number` (1-based) as its person, relative to the app's
    root (every page's URL is one level below it, also under a server.baseUrlPath)."""
    step = STEPS[number - 1]
    query = urlencode({AS_PARAM: step.person, TOUR_PARAM: number})
    return f"{step.url_path}?{query}" if step.url_path else f"./?{query}"


def step_number(raw: str | None) -> int | None:
    """A tour step from the URL, or None when it is not one."""
    if raw is None or not raw.isdigit():
        return None
    number = int(raw)
    return number if 1 <= number <= len(STEPS) else None


TOUR_HOME = f"demo?{urlencode({AS_PARAM: 'alex'})}"  # the Demo page as the demo admin
