"""How a Chat Completions request asks for structured output, read the way OpenAI reads it:
which form it asks in (json_schema, json_object, a forced tool), the schema it sends, whether
that schema is one strict mode accepts (worded as the API words a refusal), and the answer a
model held to the schema gives by default. The local OpenAI server (openai_server.py) uses it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal


def enums(schema: Any) -> list[str]:
    """The first list of allowed values in a JSON schema (the judge's dimension names)."""
    if isinstance(schema, dict):
        if isinstance(schema.get("enum"), list):
            return [str(v) for v in schema["enum"]]
        for value in schema.values():
            if found := enums(value):
                return found
    elif isinstance(schema, list):
        for value in schema:
            if found := enums(value):
                return found
    return []


def following(answer: Mapping[str, Any], schema: Any) -> dict[str, Any]:
    """The default judge answer as a model following the schema gives it: a verdict for
    every dimension the schema allows, unless the answer names its own."""
    out = dict(answer)
    if not out.get("dimensions"):
        out["dimensions"] = [
            {"name": name, "score": out.get("score", 7), "reason": f"Points at the {name}."}
            for name in enums(schema)
        ]
    return out


def request_schema(body: dict[str, Any], structured: tuple[str, Any]) -> Any:
    if structured[0] == "json_schema":
        return (structured[1] or {}).get("schema")
    for tool in body.get("tools") or []:
        function = tool.get("function") or {}
        if function.get("name") == structured[1]:
            return function.get("parameters")
    return None


def structured_request(
    body: Any,
) -> tuple[Literal["json_schema", "json_object", "tool"], Any] | None:
    """How a request asks for structured output, if it does."""
    if not isinstance(body, dict):
        return None
    response_format = body.get("response_format")
    if isinstance(response_format, dict):
        if response_format.get("type") == "json_schema":
            return "json_schema", response_format.get("json_schema") or {}
        if response_format.get("type") == "json_object":
            return "json_object", None
    choice = body.get("tool_choice")
    if isinstance(choice, dict) and choice.get("type") == "function":
        return "tool", (choice.get("function") or {}).get("name")
    if choice == "required" and body.get("tools"):
        return "tool", body["tools"][0].get("function", {}).get("name")
    return None


def strict_schema_problem(schema: Any, path: tuple[str, ...] = ()) -> str | None:
    """The first rule of OpenAI's strict Structured Outputs that `schema` breaks, worded as
    the API words it; None when the API would accept it."""
    if not isinstance(schema, dict):
        return None
    if schema.get("type") == "object" or "properties" in schema:
        if schema.get("additionalProperties") is not False:
            return (
                f"In context={path}, 'additionalProperties' is required to be supplied and "
                "to be false."
            )
        properties = schema.get("properties") or {}
        missing = [name for name in properties if name not in (schema.get("required") or [])]
        if missing:
            return (
                f"In context={path}, 'required' is required to be supplied and to be an array "
                f"including every key in properties. Missing '{missing[0]}'."
            )
    for key in ("properties", "$defs", "definitions"):
        for name, sub in (schema.get(key) or {}).items():
            if problem := strict_schema_problem(sub, (*path, key, name)):
                return problem
    for key in ("items", "additionalProperties"):
        if isinstance(schema.get(key), dict):
            if problem := strict_schema_problem(schema[key], (*path, key)):
                return problem
    for key in ("anyOf", "allOf"):
        for i, sub in enumerate(schema.get(key) or []):
            if problem := strict_schema_problem(sub, (*path, key, str(i))):
                return problem
    return None
