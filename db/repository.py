"""The typed repository, written once over either transport.

Calls are keyword-only and run as the transport's identity: RLS decides what comes back,
so a forgotten filter can never leak another student's rows.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any, TypeVar
from uuid import UUID

from pydantic import BaseModel, ValidationError

from db.errors import LABELS, NotFound, ValidationFailed
from db.identity import Identity
from db.models import (
    Application,
    ApplicationStatus,
    CheckInAnswer,
    CheckInAnswerText,
    CheckInTask,
    CoachingDomain,
    CoachingPersona,
    CoachingRound,
    CoachingThread,
    DashboardToast,
    DemoStatus,
    DimensionAverage,
    DiscoveryResultRow,
    DiscoveryRun,
    FilterOption,
    Learner,
    LearnerSummary,
    LearnerTrendPoint,
    NewRound,
    NewSessionReport,
    NotificationPreferencesInput,
    OutboxMessage,
    OutboxState,
    PendingMessage,
    Profile,
    ProfileInput,
    ResponseTimeBucket,
    ReviewFilters,
    ReviewKpis,
    RoundReview,
    Scholarship,
    ScoreBucket,
    ScoreOverride,
    SessionReport,
    SessionReview,
    SessionSummary,
    StatusProposal,
    TableCount,
    Top3Row,
)
from db.transport import Transport

M = TypeVar("M", bound=BaseModel)


def validation_message(exc: ValidationError) -> str:
    """One line per problem, naming the field the way the form does."""
    parts = []
    for err in exc.errors(include_url=False):
        key = "_".join(str(p) for p in err["loc"])
        field = LABELS.get(key) or key.replace("_", " ").capitalize() or "Input"
        parts.append(f"{field}: {err['msg'].removeprefix('Value error, ')}")
    return "Please check: " + "; ".join(parts) + "."


def validate_input(model: type[M], data: Mapping[str, Any]) -> M:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise ValidationFailed(validation_message(exc), detail=str(exc)) from exc


FEW_IDS = 12  # up to this many: a read per id beats reading the catalog


class Repository:
    def __init__(self, transport: Transport) -> None:
        self.transport = transport

    @property
    def identity(self) -> Identity:
        return self.transport.identity

    def _rows(self, model: type[M], rows: list[dict[str, Any]]) -> list[M]:
        return [model.model_validate(r) for r in rows]

    def _one(self, model: type[M], rows: list[dict[str, Any]], missing: str) -> M:
        if not rows:
            raise NotFound(missing)
        return model.model_validate(rows[0])

    # profiles ------------------------------------------------------------------------
    def get_profile(self, *, user_id: UUID) -> Profile | None:
        rows = self.transport.select("profiles", eq={"id": user_id})
        return Profile.model_validate(rows[0]) if rows else None

    def save_profile(self, *, data: ProfileInput) -> Profile:
        rows = self.transport.rpc("save_my_profile", data.as_params())
        return self._one(Profile, rows, "Your profile could not be saved.")

    def save_my_notification_preferences(
        self, *, timezone: str, quiet_hours_start: str, quiet_hours_end: str
    ) -> dict[str, Any]:
        """The signed-in student's time zone and quiet hours (HH:MM, 24-hour), merged into
        their preferences; returns the preferences as now stored. Checked here first so a bad
        value gets a sentence without a round trip; the database checks again."""
        data = validate_input(
            NotificationPreferencesInput,
            {
                "timezone": timezone,
                "quiet_hours_start": quiet_hours_start,
                "quiet_hours_end": quiet_hours_end,
            },
        )
        rows = self.transport.rpc(_SAVE_PREFERENCES, data.as_params())
        if not rows:
            raise NotFound("Your profile is missing. Please sign in again.")
        # A jsonb result: the embedded end (and `select * from fn()`) names the column after
        # the function; hosted PostgREST answers a scalar function with the bare object.
        stored = rows[0].get(_SAVE_PREFERENCES, rows[0])
        return dict(stored) if isinstance(stored, Mapping) else {}

    # catalog and applications --------------------------------------------------------
    def list_scholarships(self, *, limit: int = 500) -> list[Scholarship]:
        return self._rows(
            Scholarship, self.transport.select("scholarships", order="deadline", limit=limit)
        )

    def list_applications(self, *, user_id: UUID) -> list[Application]:
        rows = self.transport.select(
            "applications", eq={"user_id": user_id}, order="updated_at.desc"
        )
        return self._rows(Application, rows)

    def track_application(self, *, scholarship_id: UUID) -> Application:
        rows = self.transport.rpc("track_application", {"p_scholarship_id": scholarship_id})
        return self._one(Application, rows, "That scholarship could not be tracked.")

    def propose_status(self, *, application_id: UUID, status: ApplicationStatus) -> StatusProposal:
        rows = self.transport.rpc(
            "propose_application_status",
            {"p_application_id": application_id, "p_status": status},
        )
        return self._one(StatusProposal, rows, "That application was not found.")

    def confirm_status(self, *, application_id: UUID, confirmation_token: UUID) -> Application:
        rows = self.transport.rpc(
            "confirm_application_status",
            {"p_application_id": application_id, "p_confirmation_token": confirmation_token},
        )
        return self._one(Application, rows, "That application was not found.")

    def withdraw_status(self, *, application_id: UUID, confirmation_token: UUID) -> Application:
        """Drop a Submitted/Won proposal the student said no to (nothing changes if the
        token is no longer the pending one); returns the application as it now stands."""
        rows = self.transport.rpc(
            "withdraw_application_status",
            {"p_application_id": application_id, "p_confirmation_token": confirmation_token},
        )
        return self._one(Application, rows, "That application was not found.")

    # game plan (issue #17) -----------------------------------------------------------
    def move_application(self, *, application_id: UUID, state: str) -> Application:
        """A move that needs no confirmation (Tracked, Drafting, Review, Lost, Outcome
        Pending). Submitted and Won go through propose_status / confirm_status; the
        database refuses them here, and every impossible move, with a sentence."""
        rows = self.transport.rpc(
            "move_application", {"p_application_id": application_id, "p_state": str(state)}
        )
        return self._one(Application, rows, "That application was not found.")

    def answer_check_in(self, *, check_in_id: UUID, answer: CheckInAnswerText) -> CheckInAnswer:
        """ "Have you heard back?": 'won' returns a pending confirmation (nothing is awarded
        until confirm_status), 'lost' marks the application lost, 'not_yet' asks again in 7
        days."""
        rows = self.transport.rpc(
            "answer_check_in", {"p_check_in_id": check_in_id, "p_answer": answer}
        )
        return self._one(CheckInAnswer, rows, "That check-in was not found.")

    def snooze_micro_task(self, *, until: datetime) -> None:
        """Snooze the micro-task nudge until `until`, which must be later than now and before
        the nearest open deadline (the database checks both)."""
        self.transport.rpc("snooze_micro_task", {"p_until": until})

    def top3(self) -> list[Top3Row]:
        """The signed-in student's Top 3 at app_now(), ranked by the database."""
        return self._rows(Top3Row, self.transport.rpc("my_top3"))

    def recompute_momentum(self) -> int:
        """Privileged (service role): every application's momentum_score at app_now(),
        set-based; returns how many rows changed."""
        [row] = self.transport.rpc("recompute_momentum")
        return int(next(iter(row.values())))

    def list_check_ins(self, *, user_id: UUID) -> list[CheckInTask]:
        rows = self.transport.select("check_in_tasks", eq={"user_id": user_id}, order="due_at")
        return self._rows(CheckInTask, rows)

    def claim_my_toasts(self) -> list[DashboardToast]:
        """As the student: their dashboard toasts not yet shown, oldest first, now marked
        shown (another tab claiming at the same moment gets none of them)."""
        return self._rows(DashboardToast, self.transport.rpc("claim_my_toasts"))

    # the outbox (admins) ---------------------------------------------------------------
    def outbox_messages(
        self, *, state: OutboxState | None = None, limit: int = 200
    ) -> list[OutboxMessage]:
        """Email nudges, newest claim first, optionally in one state. Runs as the caller: the
        policy "Admins read the outbox" lets an admin read them, and anyone else gets []."""
        eq: dict[str, Any] = {"channel": "email"}
        if state is not None:
            eq["state"] = state
        rows = self.transport.select(
            "notification_log", eq=eq, order="claimed_at.desc", limit=limit
        )
        return self._rows(OutboxMessage, rows)

    # coaching ------------------------------------------------------------------------
    def list_domains(self, *, active_only: bool = True) -> list[CoachingDomain]:
        eq = {"is_active": True} if active_only else None
        return self._rows(
            CoachingDomain, self.transport.select("coaching_domains", eq=eq, order="name")
        )

    def get_persona(self, *, domain_id: str) -> CoachingPersona:
        rows = self.transport.select("coaching_personas", eq={"domain_id": domain_id})
        return self._one(CoachingPersona, rows, "That coach is not available.")

    def get_learner(self, *, user_id: UUID) -> Learner:
        rows = self.transport.select("learners", eq={"user_id": user_id})
        return self._one(Learner, rows, "Your learner profile is missing.")

    def start_session(self, *, domain_id: str) -> CoachingThread:
        """A new session id, made by the database and bound to the caller's learner."""
        rows = self.transport.rpc("start_coaching_session", {"p_domain_id": domain_id})
        return self._one(CoachingThread, rows, "That coach is not available.")

    def get_thread(self, *, session_id: str) -> CoachingThread | None:
        rows = self.transport.select("coaching_threads", eq={"session_id": session_id})
        return CoachingThread.model_validate(rows[0]) if rows else None

    def record_round(self, *, user_id: UUID, new_round: NewRound) -> CoachingRound:
        """Privileged (service role): the server records a round for `user_id`, the person it
        signed in, never an id from the browser."""
        rows = self.transport.rpc(
            "record_coaching_round", {"p_user_id": user_id, **new_round.as_params()}
        )
        return self._one(CoachingRound, rows, "The round could not be saved.")

    def discard_pending_message(self, *, session_id: str) -> None:
        self.transport.rpc("discard_pending_message", {"p_session_id": session_id})

    def delete_session(self, *, session_id: str) -> None:
        self.transport.rpc("delete_coaching_session", {"p_session_id": session_id})

    def list_rounds(self, *, session_id: str) -> list[CoachingRound]:
        rows = self.transport.select(
            "coaching_sessions", eq={"session_id": session_id}, order="round_number"
        )
        return self._rows(CoachingRound, rows)

    def last_round(self, *, session_id: str) -> CoachingRound | None:
        rows = self.transport.select(
            "coaching_sessions", eq={"session_id": session_id}, order="round_number.desc", limit=1
        )
        return CoachingRound.model_validate(rows[0]) if rows else None

    def save_pending_message(
        self, *, session_id: str, domain_id: str, learner_message: str
    ) -> PendingMessage:
        rows = self.transport.rpc(
            "save_pending_message",
            {
                "p_session_id": session_id,
                "p_domain_id": domain_id,
                "p_learner_message": learner_message,
            },
        )
        return self._one(PendingMessage, rows, "Your message could not be saved.")

    def get_pending_message(self, *, session_id: str) -> PendingMessage | None:
        rows = self.transport.select("coaching_pending_messages", eq={"session_id": session_id})
        return PendingMessage.model_validate(rows[0]) if rows else None

    def list_unscored_rounds(self, *, session_id: str) -> list[CoachingRound]:
        rows = self.transport.select(
            "coaching_sessions", eq={"session_id": session_id, "score": None}, order="round_number"
        )
        return self._rows(CoachingRound, rows)

    def list_session_summaries(
        self, *, learner_id: UUID | None = None, limit: int = 200
    ) -> list[SessionSummary]:
        eq = {"learner_id": str(learner_id)} if learner_id else None
        rows = self.transport.select(
            "coaching_session_summaries", eq=eq, order="last_active_at.desc", limit=limit
        )
        return self._rows(SessionSummary, rows)

    def set_round_score(
        self,
        *,
        round_id: UUID,
        score: int,
        feedback: str,
        dimension_scores: dict[str, int | None],
        dimension_reasons: dict[str, str] | None = None,
    ) -> CoachingRound:
        """Privileged (service role), like record_round."""
        rows = self.transport.rpc(
            "set_round_score",
            {
                "p_round_id": round_id,
                "p_score": score,
                "p_feedback": feedback,
                "p_dimension_scores": dimension_scores,
                "p_dimension_reasons": dimension_reasons,
            },
        )
        return self._one(CoachingRound, rows, "That coaching round was not found.")

    def record_session_report(self, *, user_id: UUID, report: NewSessionReport) -> SessionReport:
        """Privileged (service role), like record_round: the report card of `user_id`'s
        session. The database computes its numbers from the stored rounds."""
        rows = self.transport.rpc(
            "record_session_report", {"p_user_id": user_id, **report.as_params()}
        )
        return self._one(SessionReport, rows, "The report could not be saved.")

    def get_session_report(self, *, session_id: str) -> SessionReport | None:
        """As the caller: RLS shows a student only their own reports."""
        rows = self.transport.select("coaching_session_reports", eq={"session_id": session_id})
        return SessionReport.model_validate(rows[0]) if rows else None

    def get_domain(self, *, domain_id: str) -> CoachingDomain:
        rows = self.transport.select("coaching_domains", eq={"id": domain_id})
        return self._one(CoachingDomain, rows, "That coach is not available.")

    def get_scholarships(self, *, ids: list[UUID]) -> dict[UUID, Scholarship]:
        """By id. A few ids (a student's applications, every scholarship-coach turn) are read
        one indexed row each; many, in one read of the catalog, which every signed-in user
        may read."""
        wanted = set(ids)
        if len(wanted) <= FEW_IDS:
            found = {}
            for scholarship_id in wanted:
                rows = self.transport.select("scholarships", eq={"id": str(scholarship_id)})
                if rows:
                    found[scholarship_id] = Scholarship.model_validate(rows[0])
            return found
        return {s.id: s for s in self.list_scholarships(limit=10_000) if s.id in wanted}

    # discovery runs (seed 001) -----------------------------------------------------------
    def start_discovery_run(self) -> DiscoveryRun:
        """As the student: a new running run (refused while one of theirs is running)."""
        rows = self.transport.rpc("start_discovery_run")
        return self._one(DiscoveryRun, rows, "The search could not be started.")

    def get_discovery_run(self, *, run_id: UUID) -> DiscoveryRun | None:
        """As the caller: RLS shows a student only their own runs."""
        rows = self.transport.select("discovery_completions", eq={"discovery_run_id": run_id})
        return DiscoveryRun.model_validate(rows[0]) if rows else None

    def latest_discovery_run(self) -> DiscoveryRun | None:
        rows = self.transport.select("discovery_completions", order="created_at.desc", limit=1)
        return DiscoveryRun.model_validate(rows[0]) if rows else None

    def report_discovery_progress(
        self, *, user_id: UUID, run_id: UUID, step: str, detail: str | None = None
    ) -> DiscoveryRun:
        """Privileged (service role): the run moved on to `step`."""
        rows = self.transport.rpc(
            "report_discovery_progress",
            {"p_user_id": user_id, "p_run_id": run_id, "p_step": step, "p_detail": detail},
        )
        return self._one(DiscoveryRun, rows, "That search was not found.")

    def record_discovery_results(
        self, *, user_id: UUID, run_id: UUID, results: list[DiscoveryResultRow]
    ) -> int:
        """Privileged (service role): a running run's results, sent in batches that each stay
        within the size limit of one argument. Returns how many rows were stored."""
        stored = 0
        for batch in _batches([r.model_dump(mode="json") for r in results], RESULTS_BATCH_CHARS):
            [row] = self.transport.rpc(
                "record_discovery_results",
                {"p_user_id": user_id, "p_run_id": run_id, "p_results": batch},
            )
            stored += int(next(iter(row.values())))
        return stored

    def finish_discovery_run(
        self, *, user_id: UUID, run_id: UUID, status: str, message: str | None
    ) -> DiscoveryRun:
        """Privileged (service role): how the run ended (completed or failed)."""
        rows = self.transport.rpc(
            "finish_discovery_run",
            {"p_user_id": user_id, "p_run_id": run_id, "p_status": status, "p_message": message},
        )
        return self._one(DiscoveryRun, rows, "That search was not found.")

    def list_discovery_results(self, *, run_id: UUID) -> list[DiscoveryResultRow]:
        rows = self.transport.select(
            "discovery_results", eq={"discovery_run_id": run_id}, order="position", limit=10_000
        )
        return self._rows(DiscoveryResultRow, rows)

    def list_dismissed(self, *, run_id: UUID) -> set[str]:
        rows = self.transport.select("discovery_dismissals", eq={"discovery_run_id": run_id})
        return {str(r["result_id"]) for r in rows}

    def track_discovery_result(self, *, run_id: UUID, result_id: str) -> Application:
        rows = self.transport.rpc(
            "track_discovery_result", {"p_run_id": run_id, "p_result_id": result_id}
        )
        return self._one(Application, rows, "That match could not be tracked.")

    def dismiss_discovery_result(self, *, run_id: UUID, result_id: str) -> None:
        self.transport.rpc(
            "dismiss_discovery_result", {"p_run_id": run_id, "p_result_id": result_id}
        )

    def claim_discovery_announcement(self) -> DiscoveryRun | None:
        """As the student: the newest finished run not yet announced, now marked announced."""
        rows = self.transport.rpc("claim_discovery_announcement")
        return DiscoveryRun.model_validate(rows[0]) if rows else None

    # coach review (issue #19) ------------------------------------------------------------
    # As the signed-in person: a coach or admin gets every learner's numbers, a student only
    # their own (My progress reuses these). Filters are ReviewFilters; None = not filtered.
    def review_kpis(self, filters: ReviewFilters | None = None) -> ReviewKpis:
        rows = self.transport.rpc("review_kpis", _review_params(filters))
        return ReviewKpis.model_validate(rows[0]) if rows else ReviewKpis()

    def review_score_distribution(self, filters: ReviewFilters | None = None) -> list[ScoreBucket]:
        """Rounds per effective score, all ten scores (1..10), zeros included."""
        return self._rows(
            ScoreBucket, self.transport.rpc("review_score_distribution", _review_params(filters))
        )

    def review_learner_trend(self, filters: ReviewFilters | None = None) -> list[LearnerTrendPoint]:
        """Each learner's average effective score per UTC day, by name then day."""
        return self._rows(
            LearnerTrendPoint, self.transport.rpc("review_learner_trend", _review_params(filters))
        )

    def review_dimension_averages(
        self, filters: ReviewFilters | None = None
    ) -> list[DimensionAverage]:
        """Each coach's evaluation dimensions, averaged (unscored dimensions skipped)."""
        return self._rows(
            DimensionAverage,
            self.transport.rpc("review_dimension_averages", _review_params(filters)),
        )

    def review_response_times(
        self, filters: ReviewFilters | None = None
    ) -> list[ResponseTimeBucket]:
        """A histogram of response times in 1000 ms buckets (only rounds that have one)."""
        return self._rows(
            ResponseTimeBucket,
            self.transport.rpc("review_response_times", _review_params(filters)),
        )

    def review_rounds(
        self, filters: ReviewFilters | None = None, *, limit: int = 5000
    ) -> list[RoundReview]:
        """The filtered rounds, newest first, at most `limit` of them."""
        params = {**_review_params(filters), "p_limit": limit}
        return self._rows(RoundReview, self.transport.rpc("review_rounds", params))

    def review_learners(
        self,
        *,
        domain_id: str | None = None,
        team: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
    ) -> list[LearnerSummary]:
        """One summary per learner with rounds in these filters, by name. The bounds go
        through ReviewFilters so they mean what they mean everywhere else on the page (a
        time without a zone is UTC, `until` is exclusive, the start comes before the end)."""
        f = ReviewFilters(domain_id=domain_id, team=team, since=since, until=until)
        params = {k: v for k, v in f.as_params().items() if k in _LEARNER_PARAMS}
        return self._rows(LearnerSummary, self.transport.rpc("review_learners", params))

    def review_filter_options(self) -> list[FilterOption]:
        """What the Review filters offer: coaches, and the learners and teams with sessions."""
        return self._rows(FilterOption, self.transport.rpc("review_filter_options"))

    def override_round_score(self, *, round_id: UUID, score: int, reason: str) -> ScoreOverride:
        """A coach's or admin's score for a round, with why; kept beside the AI's score (every
        override is kept; the newest is the human score) and marks the session reviewed. The
        database refuses anyone else, a score outside 1-10 and a reason outside 3-500
        characters, each in a sentence."""
        rows = self.transport.rpc(
            "override_round_score",
            {"p_round_id": round_id, "p_score": score, "p_reason": reason},
        )
        return self._one(ScoreOverride, rows, "That coaching round was not found.")

    def mark_session_reviewed(self, *, session_id: str, note: str | None = None) -> SessionReview:
        """Coaches and admins: the session is reviewed (marking again keeps an earlier note
        unless a new one is given)."""
        rows = self.transport.rpc(
            "mark_session_reviewed", {"p_session_id": session_id, "p_note": note}
        )
        return self._one(SessionReview, rows, "That session was not found.")

    def score_overrides(self, *, round_id: UUID) -> list[ScoreOverride]:
        """A round's override history, newest first (RLS: staff, or the round's learner)."""
        rows = self.transport.select(
            "coaching_score_overrides", eq={"round_id": round_id}, order="created_at.desc"
        )
        return self._rows(ScoreOverride, rows)

    def session_review(self, *, session_id: str) -> SessionReview | None:
        """Whether (and by whom) a session was marked reviewed; None if it was not."""
        rows = self.transport.select("coaching_session_reviews", eq={"session_id": session_id})
        return SessionReview.model_validate(rows[0]) if rows else None

    # demo controls (admins; each function refuses anyone else in SQL) -----------------------
    def demo_status(self) -> DemoStatus:
        rows = self.transport.rpc("demo_status")
        return self._one(DemoStatus, rows, "Demo mode is off here.")

    def move_demo_clock(self, *, seconds: int | None) -> int:
        """The clock `seconds` on (None: back to now); the new offset in seconds."""
        rows = self.transport.rpc("move_demo_clock", {"p_seconds": seconds})
        return int(next(iter(rows[0].values()))) if rows else 0

    def reset_demo_data(self) -> list[TableCount]:
        return self._rows(TableCount, self.transport.rpc("reset_demo_data"))

    def demo_row_counts(self) -> list[TableCount]:
        return self._rows(TableCount, self.transport.rpc("demo_row_counts"))


_SAVE_PREFERENCES = "save_my_notification_preferences"
RESULTS_BATCH_CHARS = 15_000  # below rpc_sql.MAX_JSON (20,000), with room for escaping


_LEARNER_PARAMS = ("p_domain_id", "p_team", "p_from", "p_to")


def _review_params(filters: ReviewFilters | None) -> dict[str, Any]:
    return (filters or ReviewFilters()).as_params()


def _batches(items: list[dict[str, Any]], limit: int) -> list[list[dict[str, Any]]]:
    """Consecutive groups whose JSON stays under `limit` characters (one item at least)."""
    batches: list[list[dict[str, Any]]] = []
    current: list[dict[str, Any]] = []
    size = 2
    for item in items:
        length = len(json.dumps(item)) + 1
        if current and size + length > limit:
            batches.append(current)
            current, size = [], 2
        current.append(item)
        size += length
    if current:
        batches.append(current)
    return batches
