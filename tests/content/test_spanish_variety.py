"""The es pack speaks one variety: neutral Latin-American Spanish for the US market, formal usted."""

import re

import pytest
import yaml

from service.content.pack import PACK_DIR

ES_DIR = PACK_DIR / "locales" / "es"

# Spain-only (or non-US) forms -> what the pack says instead.
SPAIN_ONLY = {
    r"\burgencias\b": "sala de emergencias / servicio de emergencias",
    r"\bfisioterap\w*": "terapia física / profesional de terapia física",
    r"\bconduzca\w*|\bconducir\b|\bconduciendo\b|\bconducción\b(?!\s+nerviosa)": "manejar",
    r"\btúmbese\b|\btumbarse\b|\btumbad[oa]s?\b": "acuéstese",
    r"\bordenador(?:es)?\b": "computadora",
    r"\bmóvil(?:es)?\b": "celular",
    r"\bresonancia\b(?!\s+magnética)": "resonancia magnética (RM), or prueba de imagen for a scan",
    r"\bescáner\b": "prueba de imagen",
    r"\bvale\b(?!\s+la\s+pena)": "(an interjection of Spain)",
    r"\bcoches?\b": "carro",
    r"\bcarro de la compra\b": "carrito de compras",
    r"\bhacer (?:la )?cola\b": "hacer fila",
    r"\bmédico de cabecera\b": "médico de atención primaria",
    r"\baccidente de tráfico\b": "accidente de tránsito",
    r"\bpinzad[oa]s?\b": "comprimido",
    r"\bdolorid[oa]s?\b": "adolorido",
    r"\bgafas\b": "anteojos / lentes",
    r"\bzumo\b": "jugo",
    r"\bcoger\b": "tomar / agarrar",
    r"\baparcar\b": "estacionar",
    r"\b112\b": "911 (the US default; the number is a partner setting)",
    r"\b(?:la|una|el|un) operador(?:a)?\b": "la persona que le atienda",
    r"\b(?:la|una) (?:doctora|médica|enfermera|terapeuta|especialista)\b": "a neutral form",
    r"\bvosotr[oa]s\b|\bos\b|\b\w+(?:áis|éis)\b": "usted (formal, singular), never vosotros",
}
PATTERNS = {re.compile(p, re.IGNORECASE): instead for p, instead in SPAIN_ONLY.items()}


def _strings(node, where=""):
    if isinstance(node, str):
        yield where, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(value, f"{where}.{key}" if where else str(key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _strings(value, f"{where}[{index}]")


def spain_only_forms(text: str) -> list[str]:
    return [
        f"'{match.group(0)}' (say: {instead})"
        for pattern, instead in PATTERNS.items()
        for match in pattern.finditer(text)
    ]


ES_FILES = sorted(ES_DIR.rglob("*.yaml"))


def test_every_es_file_is_checked():
    assert len(ES_FILES) >= 20
    assert {p.parent.name for p in ES_FILES} >= {"es", "conditions", "treatments"}


@pytest.mark.parametrize("path", ES_FILES, ids=lambda p: str(p.relative_to(ES_DIR)))
def test_es_content_uses_no_spain_only_forms(path):
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    found = [
        f"{where}: {form}" for where, text in _strings(document) for form in spain_only_forms(text)
    ]
    assert not found, "\n".join(found)


@pytest.mark.parametrize(
    "text",
    [
        "Acuda a urgencias.",
        "La fisioterapia ayuda.",
        "No conduzca después del bloqueo.",
        "Túmbese boca abajo.",
        "En el ordenador o el móvil.",
        "Le harán una resonancia.",
        "Vale, empiece mañana.",
        "Deje el coche en casa.",
        "La operadora le hará preguntas.",
        "Si os duele, descansad y llamáis al médico.",
        "Llame al 112.",
        "Un nervio pinzado.",
    ],
)
def test_the_check_catches_spain_only_forms(text):
    assert spain_only_forms(text)


@pytest.mark.parametrize(
    "text",
    [
        "Vaya a una sala de emergencias o llame al 911.",
        "La terapia física y un profesional de terapia física.",
        "No maneje. Los estudios de conducción nerviosa.",
        "Acuéstese boca abajo frente a la computadora o el celular.",
        "Una resonancia magnética (RM) u otra prueba de imagen.",
        "Vale la pena preguntar a su médico de atención primaria.",
        "Apóyese en un carrito de compras; no tiene que hacer fila.",
        "La persona que le atienda; el síndrome de cola de caballo.",
    ],
)
def test_the_check_lets_us_latin_american_forms_through(text):
    assert not spain_only_forms(text)


def test_es_care_pathway_sends_people_to_911_and_the_emergency_room():
    text = yaml.safe_load((ES_DIR / "care_pathway.yaml").read_text(encoding="utf-8"))
    advice = text["when_to_see_a_doctor"]
    assert "911" in advice
    assert "sala de emergencias" in advice
    assert "el mismo día" in advice
