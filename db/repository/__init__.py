"""The typed repository, written once over either transport.

Calls are keyword-only and run as the transport's identity: RLS decides what comes back,
so a forgotten filter can never leak another student's rows.

Repository is put together from one part per area (profiles, applications, coaching,
discovery, review, demo), each in its own module; this package keeps every name callers
import from `db.repository` where it was.
"""

from __future__ import annotations

from db.repository.applications import FEW_IDS as FEW_IDS
from db.repository.applications import ApplicationsMixin
from db.repository.base import M as M
from db.repository.coaching import CoachingMixin
from db.repository.demo import DemoMixin
from db.repository.discovery import RESULTS_BATCH_CHARS as RESULTS_BATCH_CHARS
from db.repository.discovery import DiscoveryMixin
from db.repository.discovery import _batches as _batches
from db.repository.profiles import _SAVE_PREFERENCES as _SAVE_PREFERENCES
from db.repository.profiles import ProfilesMixin
from db.repository.review import _LEARNER_PARAMS as _LEARNER_PARAMS
from db.repository.review import ReviewMixin
from db.repository.review import _review_params as _review_params
from db.repository.validation import validate_input, validation_message

__all__ = ["Repository", "validate_input", "validation_message"]


class Repository(
    ProfilesMixin, ApplicationsMixin, CoachingMixin, DiscoveryMixin, ReviewMixin, DemoMixin
):
    """Every call in one object, so a page, graph or test holds a single repository for its
    identity whatever areas it touches."""
