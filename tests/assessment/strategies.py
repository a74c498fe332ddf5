"""Hypothesis strategies: valid answer sets drawn from the questionnaire itself."""

from __future__ import annotations

from hypothesis import strategies as st

from service.assessment.answers import resolve_answers
from service.assessment.definitions import Question, default_ruleset


def answer_for(question: Question) -> st.SearchStrategy:
    if question.type == "boolean":
        return st.booleans()
    if question.type == "integer":
        return st.integers(question.min, question.max)
    if question.type == "single":
        return st.sampled_from(question.options)
    plain = [o for o in question.options if o not in question.exclusive]
    alone = [[o] for o in question.exclusive]
    return st.one_of(
        st.lists(st.sampled_from(plain), min_size=1, unique=True),
        *([st.sampled_from(alone)] if alone else []),
    )


@st.composite
def answer_sets(draw) -> dict:
    """Any subset of questions answered validly; answers hidden by enable_when are dropped."""
    questionnaire = default_ruleset().questionnaire
    raw = {}
    for question in questionnaire.questions:
        if draw(st.booleans()):
            raw[question.id] = draw(answer_for(question))
    kept, errors = resolve_answers(questionnaire, raw, strict=set())
    assert not errors
    return kept
