from typing import Literal

SpecialtyNodeLevel = Literal["classification", "specialization"]

SPECIALTY_NODE_LEVEL_VALUES: set[SpecialtyNodeLevel] = {
    "classification",
    "specialization",
}


def check_specialty_node_level(value: str) -> SpecialtyNodeLevel:
    if value in SPECIALTY_NODE_LEVEL_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {SPECIALTY_NODE_LEVEL_VALUES!r}")
