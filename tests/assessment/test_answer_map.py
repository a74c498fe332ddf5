"""AnswerMap loads what marshmallow's Dict(String -> Raw) loads, errors included, without its
per-item fields (service/assessment/schemas.py)."""

from __future__ import annotations

import marshmallow as ma
from hypothesis import given
from hypothesis import strategies as st
from marshmallow import fields

from service.assessment.schemas import AssessmentAnswersSchema


class PlainDictAnswers(ma.Schema):
    answers = fields.Dict(
        keys=fields.String(), values=fields.Raw(allow_none=True), load_default=dict
    )


def load(schema: ma.Schema, data):
    try:
        return "ok", schema.load(data)
    except ma.ValidationError as error:
        return "error", error.messages


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=8,
)


@given(st.dictionaries(st.text(max_size=30), JSON_VALUES, max_size=30) | JSON_VALUES)
def test_loads_as_the_plain_dict_does(answers):
    ours, plain = AssessmentAnswersSchema(), PlainDictAnswers()
    assert load(ours, {"answers": answers}) == load(plain, {"answers": answers})


def test_the_loaded_map_is_a_copy():
    answers = {"age": 68, "pain_locations": ["lower_back"]}
    loaded = AssessmentAnswersSchema().load({"answers": answers})["answers"]
    assert loaded == answers and loaded is not answers
