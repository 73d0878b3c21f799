"""Agreement of the offline scorer with a human coach's labels.

Three hand-labelled sets (label 1-10) are scored by `coach.rubric.rubric_assessment` with
each persona's dimensions, knowledge tags and success conditions read from the seed SQL:
the tuning set (`tests/data/scored_rounds.json`), two validation sets that were blind
holdouts, each scored blind and then released (`scored_rounds_validation.json`, the first;
`scored_rounds_validation2.json`, the second, whose harmful rounds were read after the third
pass), and, when present, the blind holdout (`tests/data/scored_rounds_holdout.json`, never
read while tuning; only this script opens it) and the blind set of role-play lines
(`tests/data/scored_roleplay.json`: a learner's line to the other side of a scene, the coach's
question being that side's line; reported on its own, outside "combined"). Side by side,
two baselines a scorer must beat: the answer's word count, and the count of the persona's
evaluation-criteria words (dimension names, knowledge tags, success conditions; stemmed)
found in the answer.
Spearman rank correlation (average ranks for ties) per set, combined, and per persona; and
the highest score given to a round labelled harmful.

Goal (scorer-rubric issue): on every set present, scorer rho >= 0.75 and >= 0.15 above both
baselines, and no harmful round scored above 3. `-v` prints the largest disagreements of the
tuning and validation sets, never of the blind sets; `--tuning-only` leaves the blind sets
out.
"""

from __future__ import annotations

import json
import math
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coach.red_flags import harm_flag  # noqa: E402
from coach.rubric import coach_words, rubric_assessment  # noqa: E402
from coach.text import stems, words  # noqa: E402

DATA = ROOT / "tests" / "data"
SETS = (
    ("tuning", "scored_rounds.json"),
    ("validation", "scored_rounds_validation.json"),
    ("validation2", "scored_rounds_validation2.json"),
    ("holdout", "scored_rounds_holdout.json"),
    # lines said inside role-plays, answering the other side (written blind, 2026-12-03)
    ("roleplay", "scored_roleplay.json"),
)
OPTIONAL = {"holdout", "roleplay"}  # may not exist yet
BLIND = {"holdout", "roleplay"}  # never printed; --tuning-only leaves them out
APART = {"roleplay"}  # reported on its own, not in "combined" (kept comparable with earlier runs)
PRINTABLE = {"tuning", "validation", "validation2"}  # -v may show these; never the holdout
SEED_FILES = ("coaching_003.sql", "scholarship_coach.sql")
GOAL_RHO, GOAL_MARGIN, GOAL_HARMFUL = 0.75, 0.15, 3

_STR = r"'((?:[^']|'')*)'"
_PERSONA = re.compile(
    rf"\(\s*{_STR},\s*{_STR},\s*{_STR},\s*{_STR},\s*(?:ARRAY\[([^\]]*)\],\s*)?{_STR}\s*\)", re.S
)
_DOMAIN = re.compile(
    rf"\(\s*'(\w+)',\s*{_STR},\s*{_STR},\s*{_STR},\s*{_STR},\s*{_STR},\s*{_STR},\s*"
    r"ARRAY\[([^\]]*)\]\s*\)",
    re.S,
)


@dataclass(frozen=True)
class Persona:
    dimensions: list[str]
    knowledge_tags: list[str]
    success_conditions: str
    coach_text: str  # the persona's own words (`coach.rubric.coach_words`)


def _sections(table: str) -> list[str]:
    out = []
    for name in SEED_FILES:
        sql = (ROOT / "seeds" / name).read_text(encoding="utf-8")
        for chunk in sql.split("INSERT INTO ")[1:]:
            if chunk.startswith(table + " "):
                out.append(chunk.split("ON CONFLICT", 1)[0])
    return out


def load_personas() -> dict[str, Persona]:
    """The seed personas, read (not executed) as tests/unit/offline_coach_cases.py does."""
    unquote: Callable[[str], str] = lambda s: s.replace("''", "'")  # noqa: E731
    domains = [m for section in _sections("coaching_domains") for m in _DOMAIN.finditer(section)]
    tags = {m.group(1): [unquote(s) for s in re.findall(_STR, m.group(8))] for m in domains}
    # description, scenario, opening
    said = {m.group(1): [unquote(m.group(i)) for i in (5, 6, 7)] for m in domains}
    personas = {}
    for section in _sections("coaching_personas"):
        for m in _PERSONA.finditer(section):
            domain_id, prompt, _style, criteria, _forbidden, success = m.groups()
            personas[domain_id] = Persona(
                dimensions=list(json.loads(unquote(criteria)).get("dimensions", [])),
                knowledge_tags=tags.get(domain_id, []),
                success_conditions=unquote(success),
                coach_text=coach_words(unquote(prompt), *said.get(domain_id, [])),
            )
    return personas


def ranks(values: Sequence[float]) -> list[float]:
    """1-based ranks, tied values sharing the average of the ranks they span."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    out = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            out[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return out


def spearman(x: Sequence[float], y: Sequence[float]) -> float:
    """Pearson correlation of the average ranks (exact with ties); 0 when either is flat."""
    if len(x) < 2:
        return 0.0
    rx, ry = ranks(x), ranks(y)
    mx, my = sum(rx) / len(rx), sum(ry) / len(ry)
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry, strict=True))
    vx = sum((a - mx) ** 2 for a in rx)
    vy = sum((b - my) ** 2 for b in ry)
    return cov / math.sqrt(vx * vy) if vx and vy else 0.0


def criteria_words(persona: Persona, message: str) -> int:
    vocabulary = stems(
        " ".join(d.replace("_", " ") for d in persona.dimensions + persona.knowledge_tags)
        + " "
        + persona.success_conditions
    )
    return len(stems(message) & vocabulary)


@dataclass(frozen=True)
class Scored:
    round: dict[str, Any]
    scorer: int
    words: int
    criteria: int


def score_all(rounds: list[dict[str, Any]], personas: dict[str, Persona]) -> list[Scored]:
    out = []
    for r in rounds:
        persona = personas[r["domain_id"]]
        assessment = rubric_assessment(
            r["learner_message"],
            domain_id=r["domain_id"],
            coach_question=r.get("coach_question"),
            dimensions=persona.dimensions,
            knowledge_tags=persona.knowledge_tags,
            success_conditions=persona.success_conditions,
            coach_text=persona.coach_text,
        )
        out.append(
            Scored(
                r,
                assessment.score,
                len(words(r["learner_message"])),
                criteria_words(persona, r["learner_message"]),
            )
        )
    return out


def figures(scored: list[Scored]) -> dict[str, Any]:
    labels = [s.round["label"] for s in scored]
    harmful = [s.scorer for s in scored if s.round.get("kind") == "harmful"]
    by_persona = {}
    for domain in sorted({s.round["domain_id"] for s in scored}):
        mine = [s for s in scored if s.round["domain_id"] == domain]
        by_persona[domain] = round(
            spearman([s.scorer for s in mine], [s.round["label"] for s in mine]), 3
        )
    return {
        "n": len(scored),
        "scorer": round(spearman([s.scorer for s in scored], labels), 3),
        "word_count": round(spearman([s.words for s in scored], labels), 3),
        "criteria_words": round(spearman([s.criteria for s in scored], labels), 3),
        "max_harmful": max(harmful, default=None),
        "per_persona": by_persona,
    }


def meets_goal(f: dict[str, Any]) -> bool:
    best_baseline = max(f["word_count"], f["criteria_words"])
    return (
        f["scorer"] >= GOAL_RHO
        and f["scorer"] - best_baseline >= GOAL_MARGIN
        and (f["max_harmful"] is None or f["max_harmful"] <= GOAL_HARMFUL)
    )


def print_worst(name: str, scored: list[Scored], count: int = 8) -> None:
    """The rounds where scorer and label disagree most: where to look next (tuning and
    validation sets only; the holdout's rounds are never printed)."""
    worst = sorted(scored, key=lambda s: -abs(s.scorer - s.round["label"]))[:count]
    print(f"\n{name}: largest disagreements (scorer vs label)")
    for s in worst:
        text = " ".join(s.round["learner_message"].split())
        kind = s.round.get("kind", "")
        print(
            f"  {s.round['id']:<14} {kind:<15} {s.scorer:>2} vs {s.round['label']:>2}  {text[:80]}"
        )


def harm_probe_figures(personas: dict[str, Persona]) -> dict[str, dict[str, Any]]:
    """Per probe set (`harm_probes.json`'s fitted and measured halves, the blind
    `harm_probes_blind.json`, `harm_probes_3.json`'s fitted3 and measured3 halves, and
    `harm_probes_4.json`'s fitted4 and measured4):
    harmful answers scored 3 or less, and benign near misses the
    harm check flags (not in the goal: a second look at the red-flag families). Harmful ones
    capped are also counted per persona, so which coach's harms generalize can be told from
    the blind set without reading a probe."""
    probes = [
        probe
        for name in (
            "harm_probes.json",
            "harm_probes_blind.json",
            "harm_probes_3.json",
            "harm_probes_4.json",
        )
        for probe in json.loads((DATA / name).read_text(encoding="utf-8"))["probes"]
    ]
    out: dict[str, dict[str, Any]] = {}
    for probe in probes:
        persona = personas[probe["persona"]]
        f = out.setdefault(
            probe["half"],
            {"harmful": 0, "caught": 0, "benign": 0, "flagged": 0, "caught_by_persona": {}},
        )
        if probe["harmful"]:
            score = rubric_assessment(
                probe["answer"],
                domain_id=probe["persona"],
                coach_question=probe["coach_question"],
                dimensions=persona.dimensions,
                knowledge_tags=persona.knowledge_tags,
                success_conditions=persona.success_conditions,
                coach_text=persona.coach_text,
            ).score
            f["harmful"] += 1
            f["caught"] += score <= 3
            by = f["caught_by_persona"].setdefault(probe["persona"], [0, 0])
            by[0] += score <= 3
            by[1] += 1
        else:
            f["benign"] += 1
            f["flagged"] += (
                harm_flag(probe["answer"], probe["persona"], probe["coach_question"]) is not None
            )
    return out


def main() -> None:
    personas = load_personas()
    results: dict[str, dict[str, Any]] = {}
    everything: list[Scored] = []
    printable: dict[str, list[Scored]] = {}
    missing: list[str] = []
    for name, filename in SETS:
        path = DATA / filename
        if name in BLIND and "--tuning-only" in sys.argv:
            continue
        if not path.exists():
            print(f"{name}: {filename} not found, skipped")
            missing.append(name)
            continue
        scored = score_all(json.loads(path.read_text(encoding="utf-8")), personas)
        results[name] = figures(scored)
        if name not in APART:
            everything += scored
        if name in PRINTABLE:
            printable[name] = scored
    if everything:
        results["combined"] = figures(everything)

    print(f"{'set':<12}{'n':>4}{'scorer':>9}{'words':>8}{'criteria':>10}{'max harmful':>13}")
    for name, f in results.items():
        harmful = "-" if f["max_harmful"] is None else f["max_harmful"]
        print(
            f"{name:<12}{f['n']:>4}{f['scorer']:>9.3f}{f['word_count']:>8.3f}"
            f"{f['criteria_words']:>10.3f}{harmful:>13}"
        )
    probes = harm_probe_figures(personas)
    print(
        "harm probes (written blind to the detector; capped at 3 / flagged): "
        + ", ".join(
            f"{half} {f['caught']}/{f['harmful']} harmful capped, {f['flagged']}/{f['benign']} "
            "benign flagged"
            for half, f in probes.items()
        )
    )
    for half, f in probes.items():
        print(
            f"  {half}, harmful capped per persona: "
            + ", ".join(f"{d} {c}/{n}" for d, (c, n) in sorted(f["caught_by_persona"].items()))
        )
    print("\nper persona (scorer rho)")
    for name, f in results.items():
        print(f"  {name}: " + ", ".join(f"{d} {v:.3f}" for d, v in f["per_persona"].items()))
    if "-v" in sys.argv:
        for name, scored in printable.items():
            print_worst(name, scored)

    required = [name for name, _ in SETS if name not in OPTIONAL]
    checked = [results[name] for name, _ in SETS if name in results]
    ok = (
        bool(checked)
        and all(name in results for name in required)
        and all(meets_goal(f) for f in checked)
    )
    print(json.dumps({**results, "harm_probes": probes, "missing": missing, "ok": ok}))


if __name__ == "__main__":
    main()
