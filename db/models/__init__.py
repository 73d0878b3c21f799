"""Pydantic models at the repository boundary: rows in, validated input out.

Rows arrive as Python types from psycopg or as JSON from PostgREST; these models make both
the same. Input models repeat the database's rules so a person sees what to fix before a
round trip; the database constraints stay the final word.

The models live in one module per area (profiles, applications, coaching, discovery, game
plan, notifications, review, demo); this package re-exports every one of them so
`from db.models import X` reads the same wherever X lives.
"""

from __future__ import annotations

from db.models.applications import (
    Application,
    ApplicationStatus,
    CheckInTask,
    Scholarship,
    StatusProposal,
)
from db.models.coaching import (
    CoachingDomain,
    CoachingPersona,
    CoachingRound,
    CoachingThread,
    Learner,
    NewRound,
    NewSessionReport,
    PendingMessage,
    ReportLine,
    SessionReport,
    SessionSummary,
)
from db.models.demo import DemoStatus, TableCount
from db.models.discovery import (
    DiscoveryResultRow,
    DiscoveryRun,
    DiscoveryStatus,
    DiscoveryStep,
    ResultText,
)
from db.models.game_plan import CheckInAnswer, CheckInAnswerText, DashboardToast, Top3Row
from db.models.notifications import (
    NotificationPreferencesInput,
    OutboxMessage,
    OutboxState,
    clock_time,
    known_zone,
)
from db.models.profiles import (
    SCHOOL_YEARS,
    US_STATES,
    PellStatus,
    Profile,
    ProfileInput,
    SchoolYear,
    UserRole,
    known_years,
)
from db.models.review import (
    DimensionAverage,
    FilterOption,
    LearnerSummary,
    LearnerTrendPoint,
    NoteSeen,
    ResponseTimeBucket,
    ReviewFilters,
    ReviewKpis,
    ReviewScore,
    RoundReview,
    ScoreBucket,
    ScoreOverride,
    SessionReview,
)
from db.models.row import Row

__all__ = [
    "SCHOOL_YEARS",
    "US_STATES",
    "Application",
    "ApplicationStatus",
    "CheckInAnswer",
    "CheckInAnswerText",
    "CheckInTask",
    "CoachingDomain",
    "CoachingPersona",
    "CoachingRound",
    "CoachingThread",
    "DashboardToast",
    "DemoStatus",
    "DimensionAverage",
    "DiscoveryResultRow",
    "DiscoveryRun",
    "DiscoveryStatus",
    "DiscoveryStep",
    "FilterOption",
    "Learner",
    "LearnerSummary",
    "LearnerTrendPoint",
    "NewRound",
    "NewSessionReport",
    "NotificationPreferencesInput",
    "OutboxMessage",
    "OutboxState",
    "PellStatus",
    "PendingMessage",
    "Profile",
    "ProfileInput",
    "ReportLine",
    "ResponseTimeBucket",
    "ResultText",
    "ReviewFilters",
    "ReviewKpis",
    "ReviewScore",
    "RoundReview",
    "Row",
    "Scholarship",
    "SchoolYear",
    "ScoreBucket",
    "ScoreOverride",
    "SessionReport",
    "NoteSeen",
    "SessionReview",
    "SessionSummary",
    "StatusProposal",
    "TableCount",
    "Top3Row",
    "UserRole",
    "clock_time",
    "known_years",
    "known_zone",
]
