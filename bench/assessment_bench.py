"""In-process assessment throughput on one core: `make bench-assessment` (never part of `make test`).

Evaluates the clinical vignettes (tests/assessment/vignettes.yaml: partial and complete answer
sets, red flags, every condition) round-robin and reports CPU µs per evaluation and results per
second for
  engine      engine.evaluate(ruleset, answers)                     (the pure function)
  pipeline    validate answers + evaluate + localise to a response dict (what a request does,
              minus HTTP and JSON encoding)
Time is this process's CPU time (`time.process_time`), not wall time: other work on a busy
machine then inflates the numbers only through shared caches, not through waiting for a core.
Target (issue 17): the engine ≤ 100 µs per evaluation; the exit status is 1 when it is missed.
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


def measure(
    label: str, function, inputs: list, seconds: float, target_us: float | None = None
) -> float:
    """CPU µs per call of `function` over `inputs`, round-robin for `seconds` of CPU time."""
    for answers in inputs:  # warm-up
        function(answers)
    count, started = 0, time.process_time()
    while (elapsed := time.process_time() - started) < seconds:
        for answers in inputs:
            function(answers)
        count += len(inputs)
    per_call_us = elapsed / count * 1e6
    target = ""
    if target_us is not None:
        verdict = "met" if per_call_us <= target_us else "NOT met"
        target = f"   target <= {target_us:.0f} µs: {verdict}"
    print(
        f"{label:<10} {per_call_us:>8.1f} µs/evaluation {count / elapsed:>10,.0f} results/s"
        f"   ({count:,} evaluations in {elapsed:.2f} s CPU){target}"
    )
    return per_call_us


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="time per measurement")
    parser.add_argument(
        "--target-us", type=float, default=100, help="fail above this engine CPU µs/evaluation"
    )
    args = parser.parse_args()

    print(f"python {platform.python_version()} on {platform.machine()}, {pin_to_one_core()}")
    ruleset = default_ruleset()
    questionnaire = ruleset.questionnaire
    inputs = [resolve_answers(questionnaire, v["answers"])[0] for v in load_vignettes()]
    print(f"{len(inputs)} vignettes, ruleset {ruleset.version}")

    engine_us = measure(
        "engine",
        lambda answers: engine.evaluate(ruleset, answers),
        inputs,
        args.seconds,
        target_us=args.target_us,
    )

    def pipeline(answers):
        kept, _ = resolve_answers(questionnaire, answers)
        return localise(engine.evaluate(ruleset, kept), locale="en", ruleset=ruleset)

    measure("pipeline", pipeline, inputs, args.seconds)
    measure("empty", lambda answers: engine.evaluate(ruleset, {}), [{}], args.seconds)
    if engine_us > args.target_us:
        print(
            f"engine {engine_us:.1f} µs/evaluation is above the {args.target_us:.0f} µs target",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
