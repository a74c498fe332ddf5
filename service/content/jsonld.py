"""schema.org JSON-LD for conditions and treatments (`Accept: application/ld+json`)."""

from __future__ import annotations

from typing import Any

CODING_SYSTEMS = {"icd-10-cm": "ICD-10-CM", "snomed-ct": "SNOMED-CT"}
# Procedures and devices are done to the patient; drugs and therapies are taken or practised.
THERAPY_TYPES = {
    "drug": "MedicalTherapy",
    "therapy": "MedicalTherapy",
    "procedure": "TherapeuticProcedure",
    "device": "TherapeuticProcedure",
}


def condition_jsonld(condition: dict[str, Any], base_url: str) -> dict[str, Any]:
    return {
        "@context": "https://schema.org",
        "@type": "MedicalCondition",
        "@id": base_url + condition["href"],
        "url": base_url + condition["href"],
        "name": condition["name"],
        "description": condition["summary"],
        "inLanguage": condition["locale"],
        "code": [
            {
                "@type": "MedicalCode",
                "codingSystem": CODING_SYSTEMS[code["system"]],
                "codeValue": code["code"],
                "name": code["display"],
            }
            for code in condition["codes"]
        ],
        "signOrSymptom": [
            {"@type": "MedicalSignOrSymptom", "name": symptom["name"]}
            for symptom in condition["symptoms"]
        ],
        "riskFactor": [
            {"@type": "MedicalRiskFactor", "name": factor} for factor in condition["risk_factors"]
        ],
        "possibleTreatment": [
            _therapy_reference(relation["treatment"], base_url)
            for relation in condition["treatments"]
        ],
        "lastReviewed": condition["reviewed_on"].isoformat(),
        "version": condition["version"],
        "citation": [_citation(c) for c in condition["citations"]],
        "isBasedOn": [_citation(c) for c in condition["adapted_from"]],
    }


def treatment_jsonld(treatment: dict[str, Any], base_url: str) -> dict[str, Any]:
    document = (
        {"@context": "https://schema.org"}
        | _therapy_reference(treatment, base_url)
        | {
            "@id": base_url + treatment["href"],
            "description": treatment["summary"],
            "inLanguage": treatment["locale"],
            "lastReviewed": treatment["reviewed_on"].isoformat(),
            "version": treatment["version"],
            "citation": [_citation(c) for c in treatment["citations"]],
            "isBasedOn": [_citation(c) for c in treatment["adapted_from"]],
        }
    )
    if treatment["conditions"]:
        document["usedToTreat"] = [
            {"@type": "MedicalCondition", "name": c["name"], "url": base_url + c["href"]}
            for c in treatment["conditions"]
        ]
    return document


def _therapy_reference(treatment: dict[str, Any], base_url: str) -> dict[str, Any]:
    return {
        "@type": THERAPY_TYPES[treatment["kind"]],
        "name": treatment["name"],
        "url": base_url + treatment["href"],
    }


def _citation(citation: dict[str, Any]) -> dict[str, Any]:
    work = {"@type": "CreativeWork", "name": citation["title"], "publisher": citation["source"]}
    if citation.get("url"):
        work["url"] = citation["url"]
    return work
