"""Read the content pack from YAML, validate every file and every cross-reference."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from marshmallow import Schema, ValidationError

from service.content import pack_schema as ps
from service.content.locales import SUPPORTED_LOCALES

PACK_DIR = Path(__file__).resolve().parent / "pack"


class PackError(Exception):
    """The pack is invalid; `problems` lists every one found, each as `file: message`."""

    def __init__(self, problems: list[str]):
        super().__init__(
            f"{len(problems)} problem(s) in the content pack:\n- " + "\n- ".join(problems)
        )
        self.problems = problems


@dataclass(frozen=True)
class PackItem:
    kind: str
    slug: str
    structure: dict[str, Any]
    texts: dict[str, dict[str, Any]]  # locale -> validated text document

    @property
    def content_hash(self) -> str:
        """Changes whenever anything a reader could see changes, in any locale."""
        canonical = json.dumps(
            {"structure": self.structure, "texts": self.texts}, sort_keys=True, default=str
        )
        return hashlib.sha256(canonical.encode()).hexdigest()


@dataclass
class ContentPack:
    citations: list[dict[str, Any]] = field(default_factory=list)
    symptoms: dict[str, dict[str, str]] = field(default_factory=dict)  # slug -> locale -> name
    conditions: list[PackItem] = field(default_factory=list)
    treatments: list[PackItem] = field(default_factory=list)
    care_pathway: PackItem | None = None

    @property
    def items(self) -> list[PackItem]:
        return [
            *self.conditions,
            *self.treatments,
            *([self.care_pathway] if self.care_pathway else []),
        ]


class _Reader:
    def __init__(self, root: Path, locales: tuple[str, ...]):
        self.root = root
        self.locales = locales
        self.problems: list[str] = []

    def problem(self, path: Path | str, message: str) -> None:
        name = path.relative_to(self.root) if isinstance(path, Path) else path
        self.problems.append(f"{name}: {message}")

    def load(self, path: Path, schema: Schema, *, many: bool = False) -> Any:
        try:
            raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            self.problem(path, "file is missing")
            return None
        except yaml.YAMLError as exc:
            self.problem(path, f"not valid YAML: {exc}")
            return None
        try:
            return schema.load(raw, many=many)
        except ValidationError as exc:
            self.problem(path, json.dumps(exc.messages, sort_keys=True))
            return None

    def load_mapping(self, path: Path) -> dict[str, str] | None:
        try:
            raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (FileNotFoundError, yaml.YAMLError) as exc:
            self.problem(path, f"cannot read: {exc}")
            return None
        if not isinstance(raw, dict) or not all(
            isinstance(k, str) and isinstance(v, str) and v.strip() for k, v in raw.items()
        ):
            self.problem(path, "must map each slug to a non-empty name")
            return None
        return raw

    def texts(self, relative: str, schema: Schema) -> dict[str, dict[str, Any]]:
        texts = {}
        for locale in self.locales:
            loaded = self.load(self.root / "locales" / locale / relative, schema)
            if loaded is not None:
                texts[locale] = loaded
        return texts


def _symptom_names(
    reader: _Reader, root: Path, locales: tuple[str, ...], symptom_slugs: list[str]
) -> dict[str, dict[str, str]]:
    """{slug: {locale: name}}; a locale that names other symptoms than symptoms.yaml is a problem."""
    symptoms: dict[str, dict[str, str]] = {}
    for locale in locales:
        names = reader.load_mapping(root / "locales" / locale / "symptoms.yaml") or {}
        if set(names) != set(symptom_slugs):
            reader.problem(
                f"locales/{locale}/symptoms.yaml",
                f"names {sorted(set(names) ^ set(symptom_slugs))} differ from symptoms.yaml",
            )
        for slug in symptom_slugs:
            symptoms.setdefault(slug, {})[locale] = names.get(slug, slug)
    return symptoms


def read_pack(root: Path = PACK_DIR, locales: tuple[str, ...] = SUPPORTED_LOCALES) -> ContentPack:
    """Read and validate the pack; raise PackError listing every problem, or return it whole."""
    reader = _Reader(root, locales)
    pack = ContentPack()

    pack.citations = reader.load(root / "citations.yaml", ps.CitationSchema(), many=True) or []
    citation_ids = [c["id"] for c in pack.citations]
    for duplicate in sorted({c for c in citation_ids if citation_ids.count(c) > 1}):
        reader.problem("citations.yaml", f"citation id '{duplicate}' is defined twice")
    known_citations = set(citation_ids)
    commercial = {c["id"] for c in pack.citations if c["commercial"]}

    symptom_slugs = yaml.safe_load((root / "symptoms.yaml").read_text(encoding="utf-8")) or []
    pack.symptoms = _symptom_names(reader, root, locales, symptom_slugs)

    pathway = reader.load(root / "care_pathway.yaml", ps.CarePathwaySchema())
    step_keys = [step["key"] for step in pathway["steps"]] if pathway else []
    if pathway:
        texts = reader.texts("care_pathway.yaml", ps.CarePathwayTextSchema())
        pack.care_pathway = PackItem("care_pathway", "care-pathway", pathway, texts)
        sign_keys = [sign["key"] for sign in pathway["urgent_signs"]]
        for locale, text in texts.items():
            if set(text["steps"]) != set(step_keys):
                reader.problem(
                    f"locales/{locale}/care_pathway.yaml", f"steps must be exactly {step_keys}"
                )
            if set(text["urgent_signs"]) != set(sign_keys):
                reader.problem(
                    f"locales/{locale}/care_pathway.yaml",
                    f"urgent_signs must be exactly {sign_keys}",
                )

    for path in sorted((root / "treatments").glob("*.yaml")):
        structure = reader.load(path, ps.TreatmentSchema())
        if structure is None:
            continue
        texts = reader.texts(f"treatments/{path.name}", ps.TreatmentTextSchema())
        pack.treatments.append(PackItem("treatment", structure["slug"], structure, texts))

    for path in sorted((root / "conditions").glob("*.yaml")):
        structure = reader.load(path, ps.ConditionSchema())
        if structure is None:
            continue
        texts = reader.texts(f"conditions/{path.name}", ps.ConditionTextSchema())
        pack.conditions.append(PackItem("condition", structure["slug"], structure, texts))

    _check_references(reader, pack, known_citations, set(symptom_slugs), step_keys)
    _check_neutrality(reader, pack, commercial)
    if reader.problems:
        raise PackError(reader.problems)
    return pack


def _check_neutrality(reader: _Reader, pack: ContentPack, commercial: set[str]) -> None:
    """A company's own page may be where wording came from (adapted_from), never the evidence."""
    for item in pack.items:
        where = (
            "care_pathway.yaml" if item.kind == "care_pathway" else f"{item.kind}s/{item.slug}.yaml"
        )
        cited = list(item.structure.get("citations", []))
        cited += [
            c for relation in item.structure.get("treatments", []) for c in relation["citations"]
        ]
        cited += [c for step in item.structure.get("steps", []) for c in step["citations"]]
        cited += [c for claim in item.structure.get("claims", []) for c in claim["citations"]]
        for citation in sorted(set(cited) & commercial):
            reader.problem(
                where,
                f"'{citation}' is a commercial source: list it in adapted_from, not as evidence",
            )


def _strings(node: Any) -> list[str]:
    if isinstance(node, str):
        return [node]
    values = node.values() if isinstance(node, dict) else node if isinstance(node, list) else []
    return [text for value in values for text in _strings(value)]


def _check_claims(reader: _Reader, where: str, item: PackItem) -> None:
    """A claim quotes the source-locale text it backs and cites sources the item lists."""
    source_text = _strings(item.texts.get(reader.locales[0], {}))
    for claim in item.structure.get("claims", []):
        if not any(claim["text_contains"] in text for text in source_text):
            reader.problem(
                where, f"claim '{claim['text_contains']}' is not in the {reader.locales[0]} text"
            )
        for citation in claim["citations"]:
            if citation not in item.structure.get("citations", []):
                reader.problem(
                    where, f"claim '{claim['text_contains']}' cites '{citation}', not in citations"
                )


def _check_references(
    reader: _Reader,
    pack: ContentPack,
    citations: set[str],
    symptoms: set[str],
    step_keys: list[str],
) -> None:
    treatments = {item.slug for item in pack.treatments}

    def check(where: str, values: list[str], known: set[str], what: str) -> None:
        for value in values:
            if value not in known:
                reader.problem(where, f"unknown {what} '{value}'")

    for item in pack.items:
        where = (
            f"{item.kind}s/{item.slug}.yaml" if item.kind != "care_pathway" else "care_pathway.yaml"
        )
        if item.kind != "care_pathway" and where.rsplit("/", maxsplit=1)[-1] != f"{item.slug}.yaml":
            reader.problem(where, "slug must equal the file name")
        check(where, item.structure.get("citations", []), citations, "citation")
        check(where, item.structure.get("adapted_from", []), citations, "citation")
        _check_claims(reader, where, item)
        if len(item.texts) != len(reader.locales):
            continue  # missing locale files were reported when read
        # Every locale must carry the same sections (optional ones included) as the first.
        first = item.texts[reader.locales[0]]
        for locale, text in item.texts.items():
            if "sections" in text and set(text["sections"]) != set(first["sections"]):
                reader.problem(
                    f"locales/{locale}/{where}", f"sections differ from {reader.locales[0]}"
                )

    for item in pack.treatments:
        where = f"treatments/{item.slug}.yaml"
        check(where, [item.structure["care_step"]], set(step_keys), "care step")
        check(where, item.structure["requires"], treatments - {item.slug}, "treatment")

    for item in pack.conditions:
        where = f"conditions/{item.slug}.yaml"
        check(where, item.structure["symptoms"], symptoms, "symptom")
        related = [relation["treatment"] for relation in item.structure["treatments"]]
        check(where, related, treatments, "treatment")
        check(
            where,
            [r["care_step"] for r in item.structure["treatments"]],
            set(step_keys),
            "care step",
        )
        for relation in item.structure["treatments"]:
            check(where, relation["citations"], citations, "citation")
        for locale, text in item.texts.items():
            if set(text["treatment_rationale"]) != set(related):
                reader.problem(
                    f"locales/{locale}/{where}",
                    "treatment_rationale must have exactly one entry per related treatment",
                )

    if pack.care_pathway:
        for step in pack.care_pathway.structure["steps"]:
            check("care_pathway.yaml", step["treatments"], treatments, "treatment")
            check("care_pathway.yaml", step["citations"], citations, "citation")
