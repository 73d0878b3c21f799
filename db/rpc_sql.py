"""Builds the SQL for `rpc` and `select` the way PostgREST does, for both the embedded
transport and the PostgREST-subset test server, so the two ends run identical statements.

Names are checked against the catalog (functions) or a strict pattern (tables, columns),
and every value is a bound parameter cast to the function's declared argument type.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import psycopg
from psycopg import sql
from psycopg.types.json import Jsonb

from db.errors import NotFound, ValidationFailed

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
        raise ValidationFailed(f"Invalid {what}.", detail=f"rejected identifier {name!r}")
    return name


def load_signatures(conn: psycopg.Connection[Any]) -> dict[str, Signature]:
    """Input arguments of every function in schema public, by function name."""
    signatures: dict[str, Signature] = {}
    for row in conn.execute(SIGNATURES_SQL).fetchall():
        name, names, modes, types = (
            (row["name"], row["names"], row["modes"], row["types"])
            if isinstance(row, dict)
            else row
        )
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
    unknown = set(params) - set(signature)
    if unknown:
        raise ValidationFailed(
            "Some fields are not recognised: " + ", ".join(sorted(unknown)) + ".",
            detail=f"{function} has no argument(s) {sorted(unknown)}",
        )
    typed_args = tuple((name, signature[name]) for name in params)
    values = [
        Jsonb(value) if typ in ("jsonb", "json") and value is not None else value
        for (_, typ), value in zip(typed_args, params.values(), strict=True)
    ]
    return _rpc_template(function, typed_args), values


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
            (
                identifier(column, "column"),
                None
                if value is None
                else (str(value).lower() if isinstance(value, bool) else str(value)),
            )
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
