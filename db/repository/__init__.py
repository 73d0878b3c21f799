"""The typed repository, written once over either transport.

Calls are keyword-only and run as the transport's identity: RLS decides what comes back,
so a forgotten filter can never leak another student's rows.

Repository is put together from one part per area (profiles, applications, coaching,
discovery, review, demo), each in its own module over a shared base (base.py); the input
validation every write goes through is in validation.py.
"""

from __future__ import annotations

from db.repository.applications import ApplicationsMixin
from db.repository.coaching import CoachingMixin
from db.repository.demo import DemoMixin
from db.repository.discovery import DiscoveryMixin
from db.repository.profiles import ProfilesMixin
from db.repository.review import ReviewMixin
from db.repository.validation import validate_input, validation_message

__all__ = ["Repository", "validate_input", "validation_message"]


class Repository(
    ProfilesMixin, ApplicationsMixin, CoachingMixin, DiscoveryMixin, ReviewMixin, DemoMixin
):
    """Every call in one object, so a page, graph or test holds a single repository for its
    identity whatever areas it touches."""
