"""Answers checked against the questionnaire: types, bounds, options and enable_when."""

from __future__ import annotations

from typing import Any

from service.assessment.definitions import Question, Questionnaire


def type_error(question: Question, value: Any) -> str | None:  # noqa: PLR0911 - a case per type
    """Why `value` is not a valid answer to `question`, or None when it is."""
    if question.type == "boolean":
        return None if isinstance(value, bool) else "Must be true or false."
    if question.type == "integer":
        if not isinstance(value, int) or isinstance(value, bool):
            return "Must be an integer."
        low, high = question.min, question.max  # both set on integer questions (the schema)
        if low is not None and high is not None and not low <= value <= high:
            return f"Must be between {low} and {high}."
        return None
    if question.type == "single":
        return (
            None
            if isinstance(value, str) and value in question.options
            else (f"Must be one of: {', '.join(question.options)}.")
        )
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        return "Must be a non-empty list of options."
    if unknown := [v for v in value if v not in question.options]:
        return f"Unknown option(s) {unknown}; choose from: {', '.join(question.options)}."
    if len(set(value)) != len(value):
        return "Options must not repeat."
    if len(value) > 1 and set(value) & set(question.exclusive):
        return f"{', '.join(question.exclusive)} cannot be combined with other options."
    return None


def resolve_answers(
    questionnaire: Questionnaire, answers: dict[str, Any], *, strict: set[str] | None = None
) -> tuple[dict[str, Any], list[dict[str, str]]]:
    """Validate answers and keep those whose question is enabled, in questionnaire order.

    An answer in `strict` (all of them by default) to a question that is not enabled is an
    error; any other such answer (stored earlier, now hidden) is silently dropped.
    Returns (kept answers, errors as problem+json field errors).
    """
    strict = set(answers) if strict is None else strict
    by_id = questionnaire.by_id
    errors = [
        {"in": "json", "name": f"answers.{key}", "message": "Unknown question."}
        for key in answers
        if key not in by_id
    ]
    invalid = set()
    for key, value in answers.items():
        if key in by_id and (message := type_error(by_id[key], value)):
            errors.append({"in": "json", "name": f"answers.{key}", "message": message})
            invalid.add(key)
    kept: dict[str, Any] = {}
    for question in questionnaire.questions:
        if question.id not in answers or question.id in invalid:
            continue
        if question.enabled(kept):
            kept[question.id] = answers[question.id]
        elif question.id in strict:
            errors.append(
                {
                    "in": "json",
                    "name": f"answers.{question.id}",
                    "message": "This question is not enabled by the other answers (see enable_when).",
                }
            )
    return kept, errors


def next_questions(questionnaire: Questionnaire, answers: dict[str, Any]) -> list[str]:
    """Enabled, unanswered questions in order (red flags first)."""
    return [q.id for q in questionnaire.questions if q.id not in answers and q.enabled(answers)]
