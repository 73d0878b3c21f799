"""The starting track: a scholarship session that begins with nothing tracked works through
the pack's `starting` checklist (where the student stands, a first search, what to track,
who could write a letter, a dated step) instead of the pack's own, which asks about the
deadline and drafts of an application the student does not have. It is chosen once, on the
session's first round, and left for the pack's own checklist when the student turns out to
have an application of their own in mind before the track is under way.
"""

from __future__ import annotations

from coach.cues import hits
from coach.game_plan import GamePlan
from coach.ghostwriting import wants_it_written
from coach.offline_coach.turn import CoachMemory
from coach.packs import CoachPack


def _under_way(pack: CoachPack, memory: CoachMemory) -> bool:
    """A step of the track covered, beyond telling where they stand."""
    assert pack.starting is not None
    return any(i.id in memory.covered and not i.context for i in pack.starting.checklist)


def _names_its_own(cues: list[str], text: str) -> bool:
    """An application in hand ("my essay is due March 3"); "can you write my essay for me"
    is refused as ghostwriting, not taken for one."""
    return hits(cues, text) > 0 and not wants_it_written(text)


def choose_track(
    pack: CoachPack, memory: CoachMemory, text: str, plan: GamePlan | None, plan_aware: bool
) -> bool:
    """Decides (first round) or leaves (later) the starting track; True when this round left
    it, so the reply says why its questions change."""
    start = pack.starting
    if memory.starting is None:
        # a session from before the track, or past its first round, keeps the pack's own
        memory.starting = (
            start is not None
            and plan_aware
            and plan is not None
            and plan.is_empty()
            and not memory.asked
            and not _names_its_own(start.own_application, text)
        )
        return False
    if not memory.starting or start is None:
        return False
    if not _names_its_own(start.own_application, text) or _under_way(pack, memory):
        return False
    memory.starting = False
    # the track's questions, tips and parked items were its own, even where an id is shared
    # ("step"): the pack's own are still to ask
    track = {i.id for i in start.checklist}
    memory.covered = [c for c in memory.covered if c not in track]
    memory.parked = [c for c in memory.parked if c not in track]
    memory.tipped = [c for c in memory.tipped if c not in track]
    memory.clarified = [c for c in memory.clarified if c not in track]
    memory.asked = [k for k in memory.asked if k.split(".")[0] not in track]
    memory.asked_again = [k for k in memory.asked_again if k.split(".")[0] not in track]
    memory.told_no_plan = True  # the switch line says where a plan comes from
    return True


def active_pack(pack: CoachPack, memory: CoachMemory) -> CoachPack:
    return pack.started() if memory.starting else pack
