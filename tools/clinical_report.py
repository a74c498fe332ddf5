"""Clinical safety report: how the packaged ruleset does on the safety vignettes.

    .venv/bin/python tools/clinical_report.py        (or: make clinical-report)

Prints, per category, how many vignettes meet their bounds and lists each miss (id, expected,
got); then how many answers a client needs before the result is complete or says to stop.
A report, not a gate: exits 0 whatever the misses (the tests are the gate), 1 if loading fails.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> int:
    try:
        from service.assessment.definitions import default_ruleset
        from tests.assessment import safety

        ruleset = default_ruleset()
        vignettes = safety.load_vignettes()
        safety.load_hazard_log()
    except Exception as exc:  # noqa: BLE001 - any failure to load is reported, then exit 1
        print(f"cannot load the ruleset, the vignettes or the hazard log: {exc}", file=sys.stderr)
        return 1

    versions = f"ruleset {ruleset.version}, questionnaire {ruleset.questionnaire.version}"
    print(f"{versions}: {len(vignettes)} safety vignettes")
    headings = {
        "red_flag": "red-flag cases at or above the required level",
        "benign": "benign cases over-triaged",
        "boundary": "boundary cases within bounds",
        "phenotype": "phenotype bands as expected",
    }
    others = "other expectations met (rules fired, scope, warnings, a real disposition)"
    counts = {heading: [0, 0] for heading in [*headings.values(), others]}  # [x, N]
    misses: dict[str, list[tuple[str, str, str]]] = {heading: [] for heading in counts}

    def tally(heading: str, counted: bool, miss: tuple[str, str, str] | None) -> None:
        counts[heading][0] += counted
        counts[heading][1] += 1
        if miss is not None:
            misses[heading].append(miss)

    def bound(vignette: dict) -> str:
        return " and ".join(
            f"{'>=' if name == 'min_urgency' else '<='} {vignette[name]}"
            for name in ("min_urgency", "max_urgency")
            if name in vignette
        )

    for vignette in vignettes:
        identifier, heading = vignette["id"], headings[vignette["category"]]
        try:
            result, errors = safety.evaluate(ruleset, vignette["answers"])
        except Exception as exc:  # noqa: BLE001 - an engine error is a miss, reported
            result, errors = None, [{"name": "engine", "message": f"{type(exc).__name__}: {exc}"}]
        if errors:
            got = "; ".join(f"{e['name']}: {e['message']}" for e in errors)
            miss = (identifier, "valid answers", got)
            tally(heading, vignette["category"] == "benign", miss)
            tally(others, False, miss)
            continue
        found = safety.check(ruleset, vignette, result)
        checks = {m["check"] for m in found}
        level = result.urgency["level"]
        if vignette["category"] == "benign":  # x counts the misses here
            over = "max_urgency" in checks
            tally(heading, over, (identifier, bound(vignette), level) if over else None)
        elif vignette["category"] in ("red_flag", "boundary"):
            ok = not checks & {"min_urgency", "max_urgency"}
            tally(heading, ok, None if ok else (identifier, bound(vignette), level))
        else:
            bands = [
                m for m in found if m["check"].startswith("band ") or m["check"] == "phenotype"
            ]
            expected = ", ".join(f"{m['check']} {m['expected']}" for m in bands)
            got = ", ".join(f"{m['check']} {m['got']}" for m in bands)
            tally(heading, not bands, (identifier, expected, got) if bands else None)
            if "max_urgency" in checks:  # a phenotype over-triaged is listed with the others
                found = [*found, {"check": "urgency", "expected": bound(vignette), "got": level}]
        shown = {"min_urgency", "max_urgency", "phenotype"}  # counted under the category above
        rest = [m for m in found if m["check"] not in shown and not m["check"].startswith("band ")]
        expected = "; ".join(f"{m['check']} {m['expected']}" for m in rest)
        got = "; ".join(f"{m['check']} {m['got']}" for m in rest)
        tally(others, not rest, (identifier, expected, got) if rest else None)

    for heading, (x, total) in counts.items():
        print(f"{heading}: {x}/{total}")
        for identifier, expected, got in misses[heading]:
            print(f"  - {identifier}: expected {expected}; got {got}")

    steps: dict[str, int] = {}
    for vignette in vignettes:
        try:
            steps[vignette["id"]] = safety.answers_to_result(ruleset, vignette["answers"])
        except Exception as exc:  # noqa: BLE001 - reported, and left out of the median
            print(f"  (no answer count for {vignette['id']}: {type(exc).__name__}: {exc})")
    if not steps:
        print("median answers to a complete result: none could be counted")
        return 0
    stenosis = [count for identifier, count in steps.items() if "stenosis" in identifier]
    print(
        "median answers to a complete result: "
        f"{safety.median(list(steps.values()))} (max {max(steps.values())}); "
        f"stenosis vignettes: {safety.median(stenosis)} (n={len(stenosis)})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
