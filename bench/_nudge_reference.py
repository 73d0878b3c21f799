"""The per-student sidecar bench/nudge_sweep.py measures the sweep against (a module, not a
benchmark: `make bench` skips files starting with an underscore): one student at a time, each
in its own transaction, as a sidecar written the obvious way would run, and producing the very
nudges the sweep must match. Kept apart so the script reads as the measurement; this is the
yardstick it holds the sweep to."""

from __future__ import annotations

import json
import time
import uuid
from datetime import datetime
from typing import Any

import psycopg
from psycopg_pool import ConnectionPool

from coach.nudges import NotificationPreferences, compose
from db.nudge_queue import Nudge
from db.pool import make_pool

# The naive sidecar ------------------------------------------------------------------------------
_PROFILE = """select p.full_name, p.preferences, u.email from public.profiles p
                join auth.users u on u.id = p.id where p.id = %(u)s"""
_DUE_DEADLINES = """
select a.id as application_id, s.title, s.provider, s.amount, s.deadline, a.status,
       coalesce(a.last_progress_at, a.created_at) as last_progress_at, a.submitted_at,
       case when s.deadline <= %(now)s + interval '24 hours' then 'deadline_24h'
            else 'deadline_72h' end as win
  from public.applications a join public.scholarships s on s.id = a.scholarship_id
 where a.user_id = %(u)s and a.status = 'draft'
   and s.deadline > %(now)s and s.deadline <= %(now)s + interval '72 hours'
   and not exists (
     select 1 from public.notification_log n
      where n.user_id = %(u)s and n.channel = 'email' and n.state = 'sent'
        and a.id = any(n.application_ids)
        and n.notification_type = case when s.deadline <= %(now)s + interval '24 hours'
                                       then 'deadline_24h' else 'deadline_72h' end
        and n.claimed_at >= s.deadline - case when s.deadline <= %(now)s + interval '24 hours'
                                              then interval '24 hours'
                                              else interval '72 hours' end)
 order by s.deadline, s.title collate "C", a.id"""
_WINDOW = """select 1 from public.notification_log
              where user_id = %(u)s and channel = %(channel)s and state = 'sent'
                and sent_at > %(now)s - interval '24 hours' limit 1"""
_CHECK_IN = """
select a.id as application_id, s.title, s.provider, s.amount, s.deadline, a.status,
       coalesce(a.last_progress_at, a.created_at) as last_progress_at, a.submitted_at,
       ci.due_at as check_in_due_at, ci.status as check_in_status
  from public.check_in_tasks ci
  join public.applications a on a.id = ci.application_id and a.status = 'submitted'
  join public.scholarships s on s.id = a.scholarship_id
 where ci.user_id = %(u)s and ci.status = 'pending' and ci.due_at <= %(now)s
   and not exists (
     select 1 from public.notification_log n
      where n.user_id = %(u)s and n.channel = 'dashboard_toast' and n.state = 'sent'
        and n.notification_type = 'check_in' and a.id = any(n.application_ids)
        and n.claimed_at >= ci.due_at)
 order by ci.due_at, a.id limit 1"""
_MICRO_TASK = """
select a.id as application_id, s.title, s.provider, s.amount, s.deadline, a.status,
       coalesce(a.last_progress_at, a.created_at) as last_progress_at, a.submitted_at
  from public.applications a join public.scholarships s on s.id = a.scholarship_id
 where a.user_id = %(u)s and a.status = 'draft'
   and coalesce(a.last_progress_at, a.created_at) <= %(now)s - interval '48 hours'
   and (s.deadline is null or s.deadline > %(now)s)
   and not exists (
     select 1 from public.notification_log n
      where n.user_id = %(u)s and n.channel = 'dashboard_toast' and n.state = 'sent'
        and n.notification_type = 'micro_task' and a.id = any(n.application_ids)
        and n.claimed_at > %(now)s - interval '48 hours')
 order by a.momentum_score desc nulls last, coalesce(a.last_progress_at, a.created_at), a.id
 limit 1"""
_INSERT = """insert into public.notification_log (user_id, channel, notification_type,
               template_name, application_ids, recipient, state, claimed_at)
             values (%(u)s, %(channel)s, %(type)s, %(type)s, %(apps)s, %(to)s, 'pending',
                     %(now)s) returning id"""
_MARK_SENT = """update public.notification_log set state = 'sent', sent_at = %(now)s,
                  subject = %(subject)s, body = %(body)s, delivery = %(delivery)s
                where id = %(id)s"""
_AS_SERVICE = (
    "set local role service_role; "
    "set local request.jwt.claims to '" + json.dumps({"role": "service_role"}) + "'"
)


def _quiet(preferences: dict[str, Any], now: datetime) -> bool:
    prefs = NotificationPreferences.read(preferences)
    local = now.astimezone(prefs.zone).strftime("%H:%M")
    start, end = prefs.quiet_hours_start, prefs.quiet_hours_end
    if start == end:
        return False
    if start < end:
        return start <= local < end
    return local >= start or local < end


def naive_student(
    pool: ConnectionPool[Any], user_id: uuid.UUID, now: datetime, base_url: str
) -> list[Any]:
    """One student, one transaction: what a sidecar written one student at a time would do."""
    sent = []
    with pool.connection() as conn, conn.transaction():
        conn.execute(_AS_SERVICE)
        p = {"u": user_id, "now": now}
        profile = conn.execute(_PROFILE, p).fetchone()
        items = conn.execute(_DUE_DEADLINES, p).fetchall()
        if items and profile["email"] and not _quiet(profile["preferences"], now):
            free = not conn.execute(_WINDOW, p | {"channel": "email"}).fetchone()
            if free:
                soon = any(i["win"] == "deadline_24h" for i in items)
                kind = "deadline_24h" if soon else "deadline_72h"
                apps = [i["application_id"] for i in items]
                sent.append(
                    _send(conn, p, profile, "email", kind, items, apps, profile["email"], base_url)
                )
        items = conn.execute(_CHECK_IN, p).fetchall()
        kind = "check_in"
        if not items:
            snooze = profile["preferences"].get("micro_task_snoozed_until")
            if snooze is None or datetime.fromisoformat(snooze) <= now:
                items = conn.execute(_MICRO_TASK, p).fetchall()
                kind = "micro_task"
        if items and not conn.execute(_WINDOW, p | {"channel": "dashboard_toast"}).fetchone():
            apps = [items[0]["application_id"]]
            sent.append(
                _send(conn, p, profile, "dashboard_toast", kind, items, apps, None, base_url)
            )
    return [s for s in sent if s is not None]


def _send(
    conn: psycopg.Connection[Any],
    p: dict[str, Any],
    profile: dict[str, Any],
    channel: str,
    kind: str,
    items: list[dict[str, Any]],
    apps: list[uuid.UUID],
    to: str | None,
    base_url: str,
) -> tuple[str, str, tuple[str, ...]] | None:
    row = conn.execute(
        _INSERT, p | {"channel": channel, "type": kind, "apps": apps, "to": to}
    ).fetchone()
    assert row is not None
    nudge = Nudge.model_validate(
        {
            "id": row["id"],
            "user_id": p["u"],
            "channel": channel,
            "notification_type": kind,
            "recipient": to,
            "full_name": profile["full_name"],
            "preferences": profile["preferences"],
            "items": items,
        }
    )
    message = compose(nudge, p["now"], app_base_url=base_url)
    if message is None:
        return None
    conn.execute(
        _MARK_SENT,
        {
            "id": row["id"],
            "now": p["now"],
            "subject": message.subject,
            "body": message.body,
            "delivery": "toast" if channel == "dashboard_toast" else "outbox",
        },
    )
    return (channel, kind, tuple(sorted(str(a) for a in apps)))


def run_loop(url: str, sample: list[uuid.UUID], now: datetime, base_url: str) -> dict[str, Any]:
    """The naive sidecar over the sample, on the project's pool (as the real one runs), with
    "now" read once: the instant the sweep claimed at, so both judge the same moment."""
    pool = make_pool(url, name="bench-loop", min_size=1, max_size=1, timeout=120)
    try:
        t0 = time.perf_counter()
        produced = {u: naive_student(pool, u, now, base_url) for u in sample}
        loop_s = time.perf_counter() - t0
    finally:
        pool.close()
    return {"loop_s": loop_s, "produced": produced}
