"""In-process assessment throughput on one core: `make bench-assessment` (never part of `make test`).

Evaluates the clinical vignettes (tests/assessment/vignettes.yaml: partial and complete answer
sets, red flags, every condition) round-robin and reports results per second for
  engine      engine.evaluate(ruleset, answers)                     (the pure function)
  pipeline    validate answers + evaluate + localise to a response dict (what a request does,
              minus HTTP and JSON encoding)
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from service.assessment import engine
from service.assessment.answers import resolve_answers
from service.assessment.definitions import default_ruleset
from service.assessment.service import localise
from tests.assessment.conftest import load_vignettes


def pin_to_one_core() -> str:
    if hasattr(os, "sched_setaffinity"):
        core = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {core})
        return f"pinned to core {core}"
    return "not pinned (no sched_setaffinity on this platform)"


def measure(label: str, function, inputs: list, seconds: float) -> float:
    for answers in inputs:  # warm-up
        function(answers)
    count, started = 0, time.perf_counter()
    while (elapsed := time.perf_counter() - started) < seconds:
        for answers in inputs:
            function(answers)
        count += len(inputs)
    rate = count / elapsed
    print(f"{label:<10} {rate:>10,.0f} results/s   ({count:,} evaluations in {elapsed:.2f} s)")
    return rate


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="time per measurement")
    parser.add_argument("--minimum", type=float, default=2000, help="fail below this engine rate")
    args = parser.parse_args()

    print(f"python {platform.python_version()} on {platform.machine()}, {pin_to_one_core()}")
    ruleset = default_ruleset()
    questionnaire = ruleset.questionnaire
    inputs = [resolve_answers(questionnaire, v["answers"])[0] for v in load_vignettes()]
    print(f"{len(inputs)} vignettes, ruleset {ruleset.version}")

    rate = measure(
        "engine", lambda answers: engine.evaluate(ruleset, answers), inputs, args.seconds
    )

    def pipeline(answers):
        kept, _ = resolve_answers(questionnaire, answers)
        return localise(engine.evaluate(ruleset, kept), locale="en", ruleset=ruleset)

    measure("pipeline", pipeline, inputs, args.seconds)
    measure("empty", lambda answers: engine.evaluate(ruleset, {}), [{}], args.seconds)
    if rate < args.minimum:
        print(
            f"engine rate {rate:,.0f}/s is below the {args.minimum:,.0f}/s target", file=sys.stderr
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
