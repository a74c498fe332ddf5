"""The questionnaire as a FHIR R4 Questionnaire resource (same content, another representation)."""

from __future__ import annotations

from typing import Any

from service.assessment.definitions import Question, Questionnaire

CANONICAL_URL = "https://api.spinecare.example/fhir/Questionnaire/spinecare-assessment"
OPTION_SYSTEM = "https://api.spinecare.example/fhir/CodeSystem/assessment-answers"
EXTENSION = "http://hl7.org/fhir/StructureDefinition/"
ITEM_CONTROL = "http://hl7.org/fhir/questionnaire-item-control"
FHIR_TYPES = {"boolean": "boolean", "integer": "integer", "single": "choice", "multi": "choice"}


def _answer(question: Question, value: Any, locale: str) -> dict[str, Any]:
    if question.type == "boolean":
        return {"answerBoolean": value}
    if question.type == "integer":
        return {"answerInteger": value}
    return {"answerCoding": _coding(question, value, locale)}


def _coding(question: Question, value: str, locale: str) -> dict[str, str]:
    label = question.texts[locale]["option_labels"][value]
    return {"system": OPTION_SYSTEM, "code": value, "display": label}


def _item(question: Question, by_id: dict[str, Question], locale: str) -> dict[str, Any]:
    texts = question.texts[locale]
    item: dict[str, Any] = {
        "linkId": question.id,
        "text": texts["text"],
        "type": FHIR_TYPES[question.type],
        "required": False,
        "repeats": question.type == "multi",
    }
    if question.red_flag:
        item["code"] = [{"system": OPTION_SYSTEM, "code": "red-flag", "display": "Red flag"}]
    if question.options:
        item["answerOption"] = [
            {"valueCoding": _coding(question, v, locale)} for v in question.options
        ]
    if question.type == "integer":
        item["extension"] = [
            {"url": EXTENSION + "minValue", "valueInteger": question.min},
            {"url": EXTENSION + "maxValue", "valueInteger": question.max},
        ]
    if question.enable_when:
        item["enableWhen"] = [
            {"question": source, "operator": operator} | _answer(by_id[source], answer, locale)
            for source, operator, answer in question.enable_when
        ]
        item["enableBehavior"] = "all"
    # Help text is a nested display item with itemControl "help" (SDC convention).
    item["item"] = [
        {
            "linkId": f"{question.id}.help",
            "text": texts["help"],
            "type": "display",
            "extension": [
                {
                    "url": EXTENSION + "questionnaire-itemControl",
                    "valueCodeableConcept": {"coding": [{"system": ITEM_CONTROL, "code": "help"}]},
                }
            ],
        }
    ]
    return item


def questionnaire_resource(definition: Questionnaire, locale: str) -> dict[str, Any]:
    by_id = definition.by_id
    return {
        "resourceType": "Questionnaire",
        "id": "spinecare-assessment",
        "url": CANONICAL_URL,
        "version": definition.version,
        "name": "SpineCareAssessment",
        "title": definition.title[locale],
        "status": "active",
        "language": locale,
        "subjectType": ["Patient"],
        "item": [_item(question, by_id, locale) for question in definition.questions],
    }
