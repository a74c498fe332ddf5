"""Response examples for the OpenAPI contract (kept apart so routes stay short)."""

REVIEW = {"version": 1, "reviewed_on": "2026-11-20", "next_review_on": "2027-11-20"}
CITATION = {
    "id": "nice-ng59",
    "title": "Low back pain and sciatica in over 16s: assessment and management (NG59)",
    "source": "National Institute for Health and Care Excellence",
    "year": 2016,
    "url": "https://www.nice.org.uk/guidance/ng59",
}
CONDITION_SUMMARY = {
    "slug": "lumbar-spinal-stenosis",
    "name": "Lumbar spinal stenosis",
    "summary": "A narrowing of the spinal canal in the lower back that can squeeze nerves.",
    "codes": [
        {
            "system": "icd-10-cm",
            "code": "M48.062",
            "display": "Spinal stenosis, lumbar region with neurogenic claudication",
        }
    ],
    "href": "/v1/conditions/lumbar-spinal-stenosis",
    **REVIEW,
}
TREATMENT_SUMMARY = {
    "slug": "interspinous-spacer",
    "name": "Interspinous spacer",
    "summary": "A small implant that keeps the space for the nerves open when standing.",
    "family": "interventional",
    "kind": "device",
    "care_step": "interventional_care",
    "href": "/v1/treatments/interspinous-spacer",
    **REVIEW,
}
CONDITION_TREATMENT = {
    "treatment": TREATMENT_SUMMARY,
    "care_step": "interventional_care",
    "rationale": "Can ease leg pain on walking when conservative care has not helped.",
    "citations": [CITATION],
}
DISCLAIMER = (
    "Educational information, not a diagnosis or medical advice. If your symptoms are severe, "
    "sudden or getting worse, seek medical care."
)
CONDITION = {
    **CONDITION_SUMMARY,
    "locale": "en",
    "sections": {"overview": "Lumbar spinal stenosis is…", "when_to_see_a_doctor": "See a…"},
    "symptoms": [{"slug": "pain-worse-standing-or-walking", "name": "Pain worse when standing"}],
    "risk_factors": ["Age over 60"],
    "treatments": [CONDITION_TREATMENT],
    "citations": [CITATION],
    "adapted_from": [],
    "disclaimer": DISCLAIMER,
}
CONDITION_JSONLD = {
    "@context": "https://schema.org",
    "@type": "MedicalCondition",
    "@id": "https://api.example.org/v1/conditions/lumbar-spinal-stenosis",
    "name": "Lumbar spinal stenosis",
    "code": [{"@type": "MedicalCode", "codingSystem": "ICD-10-CM", "codeValue": "M48.062"}],
    "signOrSymptom": [{"@type": "MedicalSignOrSymptom", "name": "Pain worse when standing"}],
    "riskFactor": [{"@type": "MedicalRiskFactor", "name": "Age over 60"}],
    "possibleTreatment": [{"@type": "TherapeuticProcedure", "name": "Interspinous spacer"}],
    "lastReviewed": "2026-11-20",
}
TREATMENT = {
    **TREATMENT_SUMMARY,
    "locale": "en",
    "sections": {"overview": "An interspinous spacer is…", "risks": "As with any implant…"},
    "requires": [],
    "conditions": [
        {
            "slug": "lumbar-spinal-stenosis",
            "name": "Lumbar spinal stenosis",
            "care_step": "interventional_care",
            "href": "/v1/conditions/lumbar-spinal-stenosis",
        }
    ],
    "citations": [CITATION],
    "adapted_from": [],
    "disclaimer": DISCLAIMER,
}
TREATMENT_JSONLD = {
    "@context": "https://schema.org",
    "@type": "TherapeuticProcedure",
    "@id": "https://api.example.org/v1/treatments/interspinous-spacer",
    "name": "Interspinous spacer",
    "lastReviewed": "2026-11-20",
}
CARE_PATHWAY = {
    "locale": "en",
    "title": "The path of care for lower-back and leg pain",
    "summary": "Most pain improves with conservative care; specialists help when it does not.",
    "body": "Try about 12 weeks of conservative care…",
    "when_to_see_a_doctor": "Call 911 now if… Go to an emergency department now if…",
    "conservative_care_weeks": 12,
    "steps": [
        {
            "key": "conservative_care",
            "order": 2,
            "name": "Conservative care",
            "description": "Medicines, physical therapy and behavioural therapies…",
            "treatments": [TREATMENT_SUMMARY | {"slug": "physical-therapy"}],
            "citations": [CITATION],
        }
    ],
    "urgent_signs": [
        {
            "key": "saddle_numbness",
            "level": "emergency_department",
            "text": "Numbness around the genitals, the back passage or the inner thighs "
            "(the area you sit on).",
            "rules": ["RF_CES_SADDLE_NUMBNESS"],
        }
    ],
    "citations": [CITATION],
    "adapted_from": [],
    "disclaimer": DISCLAIMER,
    **REVIEW,
}
SEARCH_RESULTS = [
    {
        "kind": "condition",
        "slug": "lumbar-spinal-stenosis",
        "name": "Lumbar spinal stenosis",
        "summary": "A narrowing of the spinal canal in the lower back that can squeeze nerves.",
        "snippet": "Pain often gets worse when <mark>walking</mark> and eases when sitting…",
        "rank": 0.4,
        "href": "/v1/conditions/lumbar-spinal-stenosis",
    }
]
CHANGES = {
    "changes": [
        {
            "kind": "condition",
            "slug": "sciatica",
            "change": "upserted",
            "version": 3,
            "changed_at": "2026-11-20T09:30:00+00:00",
            "href": "/v1/conditions/sciatica",
        }
    ],
    "next_cursor": "eyJzZXEiOiA0Mn0",
    "has_more": False,
}
