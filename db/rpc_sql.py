"""Builds the SQL for `rpc` and `select` the way PostgREST does, for both the embedded
transport and the PostgREST-subset test server, so the two ends run identical statements.

Names are checked against the catalog (functions) or a strict pattern (tables, columns),
and every value is a bound parameter cast to the function's declared argument type.

`check_arguments` and `SelectSpec.parse` are the edge both transports share: every value is
checked here before anything is sent, so bad input gets one sentence naming its field, the
same on either end, and nothing reaches the database that it would store wrongly or that
would fail somewhere less articulate (the driver, the JSON encoder, a URL too long to send).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from enum import Enum
from functools import lru_cache
from typing import Any
from uuid import UUID

import psycopg
from psycopg import sql
from psycopg.types.json import Jsonb
from pydantic import BaseModel

from db.errors import NotFound, ValidationFailed, field_label, unknown_fields_message

_IDENT = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")

Signature = dict[str, str]  # argument name -> SQL type

SIGNATURES_SQL = """
select p.proname as name, p.proargnames as names, p.proargmodes::text[] as modes,
       array(select format_type(t, null)
             from unnest(coalesce(p.proallargtypes, p.proargtypes::oid[])) as t) as types
from pg_proc p
where p.pronamespace = 'public'::regnamespace and p.prokind = 'f'
"""


def identifier(name: str, what: str = "name") -> str:
    if not _IDENT.match(name):
        raise ValidationFailed(f"Invalid {what}.", detail=f"rejected identifier {str(name)[:80]!r}")
    return name


def load_signatures(conn: psycopg.Connection[Any]) -> dict[str, Signature]:
    """Input arguments of every function in schema public, by function name."""
    return signatures_from_rows(conn.execute(SIGNATURES_SQL).fetchall())


def signatures_from_rows(rows: Iterable[Any]) -> dict[str, Signature]:
    """From catalog rows (name, names, modes, types), as tuples or dicts: the embedded end
    reads them with SIGNATURES_SQL, the hosted end through `public.api_signatures()`."""
    signatures: dict[str, Signature] = {}
    for row in rows:
        name, names, modes, types = (
            (row["name"], row["names"], row["modes"], row["types"])
            if isinstance(row, dict)
            else row
        )
        types = types or []
        names = names or []
        modes = modes or ["i"] * len(types)
        signatures[name] = {
            arg: typ
            for arg, mode, typ in zip(names, modes, types, strict=False)
            if mode in ("i", "b") and arg
        }
    return signatures


@lru_cache(maxsize=1024)
def _rpc_template(function: str, typed_args: tuple[tuple[str, str], ...]) -> str:
    """Rendered once: quoting identifiers on every call is a measurable share of a call."""
    args = [
        sql.SQL("{} => %s::{}").format(sql.Identifier(name), sql.SQL(typ))
        for name, typ in typed_args
    ]
    query = sql.SQL("select * from public.{}({})").format(
        sql.Identifier(identifier(function, "action")), sql.SQL(", ").join(args)
    )
    return query.as_string(None)


def rpc_query(
    function: str, params: Mapping[str, Any], signature: Signature | None
) -> tuple[str, list[Any]]:
    """Composition is cached per (function, argument names): calls differ only in values."""
    if signature is None:
        raise NotFound("That action is not available.", detail=f"no function public.{function}")
    _refuse_unknown(function, params, signature)
    typed_args = tuple((name, signature[name]) for name in params)
    values = [
        Jsonb(value) if typ in ("jsonb", "json") and value is not None else value
        for (_, typ), value in zip(typed_args, params.values(), strict=True)
    ]
    return _rpc_template(function, typed_args), values


# Limits ----------------------------------------------------------------------------------------
MAX_TEXT = 20_000  # any one text argument; the longest real one is a message (8000)
MAX_FILTER = 2_000  # a filter value travels in a URL on the hosted end
MAX_JSON = 20_000  # a json argument, serialised
MAX_DEPTH = 20
# Per name (argument without its p_, or column): the column's own limit, where a longer value
# could never be stored or found.
TEXT_LIMITS: dict[str, int] = {"session_id": 200}

_INT_RANGES = {
    "smallint": 2**15,
    "integer": 2**31,
    "bigint": 2**63,
}
_TEXT_TYPES = frozenset({"text", "character varying", "character", "name", "citext"})
_FLOAT_TYPES = frozenset({"numeric", "real", "double precision"})
_TIME_TYPES = ("timestamp", "date", "time", "interval")


def _refuse_unknown(function: str, params: Mapping[Any, Any], signature: Signature) -> None:
    unknown = [name for name in params if not isinstance(name, str) or name not in signature]
    if unknown:
        raise ValidationFailed(
            unknown_fields_message(unknown),
            detail=f"{function} has no argument(s) {[str(n)[:80] for n in unknown[:10]]}",
        )


def check_arguments(function: str, params: Mapping[Any, Any], signature: Signature | None) -> None:
    """Refuse, before sending, any argument the database would store wrongly or refuse in
    words that are not for people. `signature` (argument -> SQL type) adds the type checks;
    without it (a hosted end that could not read the catalog) the value checks still run."""
    if signature is not None:
        _refuse_unknown(function, params, signature)
    for name, value in params.items():
        if not isinstance(name, str) or not name:
            raise ValidationFailed(unknown_fields_message([name]))
        label = field_label(name)
        limit = TEXT_LIMITS.get(name.removeprefix("p_"), MAX_TEXT)
        typ = signature.get(name) if signature is not None else None
        if typ is not None:
            _check_type(label, value, typ)
        _check_value(label, value, limit, depth=0)


def _check_type(label: str, value: Any, typ: str) -> None:
    """The value can be what the argument is declared as; None is left to the function,
    which knows whether the field is required."""
    if value is None:
        return
    if isinstance(value, Enum):
        value = value.value
    base = typ.removesuffix("[]")
    if base != typ:  # an array argument
        if not isinstance(value, list | tuple):
            raise ValidationFailed(f"{label} must be a list.")
        for item in value:
            _check_type(label, item, base)
        return
    if base in _TEXT_TYPES:
        if not isinstance(value, str):
            raise ValidationFailed(f"{label} must be text.")
    elif base == "uuid":
        if isinstance(value, UUID):
            return
        if not isinstance(value, str) or len(value) > 64:
            raise ValidationFailed(f"{label} must be a valid id.")
        try:
            UUID(value)
        except ValueError:
            raise ValidationFailed(f"{label} must be a valid id.") from None
    elif base in _INT_RANGES:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValidationFailed(f"{label} must be a whole number.")
        bound = _INT_RANGES[base]
        if not -bound <= value < bound:
            raise ValidationFailed(f"{label} is out of range.")
    elif base in _FLOAT_TYPES:
        _check_number(label, value)
    elif base == "boolean":
        if not isinstance(value, bool):
            raise ValidationFailed(f"{label} must be true or false.")
    elif base in ("json", "jsonb"):  # plain data only: _check_value walks what is inside
        if not isinstance(value, Mapping | list | tuple | str | int | float):
            raise ValidationFailed(f"{label} must be plain data (text, numbers, lists, objects).")
    elif base.startswith(_TIME_TYPES):
        if not isinstance(value, str | datetime | date | time):
            raise ValidationFailed(f"{label} must be a date or time.")
    elif not isinstance(value, str):  # an enum or another named type: its text form
        raise ValidationFailed(f"{label} is not one of the allowed choices.")


def _check_number(label: str, value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal | str):
        raise ValidationFailed(f"{label} must be a number.")
    if isinstance(value, int):
        number = Decimal(value) if abs(value) < 10**1000 else Decimal("Infinity")
    elif isinstance(value, str):
        if len(value) > 100:
            raise ValidationFailed(f"{label} must be a number.")
        try:
            number = Decimal(value.strip())
        except InvalidOperation:
            raise ValidationFailed(f"{label} must be a number.") from None
    else:
        number = Decimal(value) if isinstance(value, Decimal) else Decimal(str(value))
    if not number.is_finite():
        raise ValidationFailed(f"{label} must be a finite number.")
    if number and not -1000 <= number.adjusted() <= 1000:
        raise ValidationFailed(f"{label} is out of range.")


def _check_text(label: str, text: str, limit: int) -> None:
    if len(text) > limit:
        raise ValidationFailed(f"{label} is too long (at most {limit} characters).")
    if "\x00" in text:
        raise ValidationFailed(f"{label} contains a character that cannot be stored.")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: no encoding on the way can carry it
        raise ValidationFailed(f"{label} contains a character that cannot be stored.") from None


def _check_value(label: str, value: Any, limit: int, *, depth: int) -> None:
    """Whatever the declared type: text that can be stored, finite numbers; inside a list
    or an object only what JSON carries, the same on both ends."""
    if depth > MAX_DEPTH:
        raise ValidationFailed(f"{label} is nested too deeply.")
    if value is None or isinstance(value, bool | int):
        return
    if isinstance(value, str):
        _check_text(label, value, limit)
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise ValidationFailed(f"{label} must be a finite number.")
    elif isinstance(value, Mapping):
        if len(value) > 1000:
            raise ValidationFailed(f"{label} is too large.")
        for key, item in value.items():
            if not isinstance(key, str):
                raise ValidationFailed(f"{label} must name its entries with text.")
            _check_text(label, key, 200)
            _check_value(label, item, MAX_TEXT, depth=depth + 1)
        if depth == 0 and len(_json_size(value)) > MAX_JSON:
            raise ValidationFailed(f"{label} is too large.")
    elif isinstance(value, list | tuple):
        if len(value) > 1000:
            raise ValidationFailed(f"{label} is too large.")
        for item in value:
            _check_value(label, item, MAX_TEXT, depth=depth + 1)
        if depth == 0 and len(_json_size(value)) > MAX_JSON:
            raise ValidationFailed(f"{label} is too large.")
    elif depth > 0:
        raise ValidationFailed(f"{label} must be plain data (text, numbers, lists, objects).")
    elif isinstance(value, UUID | datetime | date | time):
        return
    elif isinstance(value, Decimal):
        if not value.is_finite():
            raise ValidationFailed(f"{label} must be a finite number.")
    elif isinstance(value, Enum):
        _check_value(label, value.value, limit, depth=depth)
    elif isinstance(value, BaseModel):
        _check_value(label, value.model_dump(mode="json"), limit, depth=depth)
    else:
        raise ValidationFailed(f"{label} has a kind of value that cannot be stored.")


def _json_size(value: Any) -> str:
    return json.dumps(value, default=str)


def check_filter(column: str, value: Any) -> str | None:
    """A filter value as the text both ends compare with, or a refusal naming the column."""
    if value is None:
        return None
    if isinstance(value, Enum):
        value = value.value
    if isinstance(value, float | Decimal) and not (
        math.isfinite(value) if isinstance(value, float) else value.is_finite()
    ):
        raise ValidationFailed(f"{field_label(column)} must be a finite number.")
    text = str(value).lower() if isinstance(value, bool) else str(value)
    _check_text(field_label(column), text, TEXT_LIMITS.get(column, MAX_FILTER))
    return text


@dataclass(frozen=True)
class SelectSpec:
    """A `select` call, parsed and checked once for both ends: the SQL here and the
    PostgREST query in the Supabase transport refuse the same input with the same sentence.
    `order` is PostgREST's form: "column", "column.asc" or "column.desc"; nulls sort last."""

    table: str
    filters: tuple[tuple[str, str | None], ...]  # (column, value as text, None = is null)
    order: tuple[str, bool] | None  # (column, descending)
    limit: int | None

    @classmethod
    def parse(
        cls,
        table: str,
        *,
        eq: Mapping[str, Any] | None = None,
        order: str | None = None,
        limit: int | None = None,
    ) -> SelectSpec:
        table = identifier(table, "table")
        filters = tuple(
            (identifier(column, "column"), check_filter(column, value))
            for column, value in (eq or {}).items()
        )
        ordering = None
        if order:
            column, _, direction = order.partition(".")
            if direction not in ("", "asc", "desc"):
                raise ValidationFailed("Invalid sort order.", detail=order)
            ordering = (identifier(column, "column"), direction == "desc")
        if limit is not None and not 0 < limit <= 10_000:
            raise ValidationFailed("Invalid limit.", detail=str(limit))
        return cls(table, filters, ordering, limit)


def select_query(spec: SelectSpec) -> tuple[sql.Composed, list[Any]]:
    parts = [sql.SQL("select * from public.{}").format(sql.Identifier(spec.table))]
    values: list[Any] = []
    if spec.filters:
        conditions = []
        for column, value in spec.filters:
            col = sql.Identifier(column)
            if value is None:
                conditions.append(sql.SQL("{} is null").format(col))
            else:
                conditions.append(sql.SQL("{} = %s").format(col))
                values.append(value)
        parts.append(sql.SQL("where ") + sql.SQL(" and ").join(conditions))
    if spec.order:
        column, descending = spec.order
        parts.append(
            sql.SQL("order by {} {}").format(
                sql.Identifier(column),
                sql.SQL("desc nulls last" if descending else "asc nulls last"),
            )
        )
    if spec.limit is not None:
        parts.append(sql.SQL("limit {}").format(sql.Literal(spec.limit)))
    return sql.SQL(" ").join(parts), values
