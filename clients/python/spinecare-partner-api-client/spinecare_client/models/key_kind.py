from typing import Literal

KeyKind = Literal["publishable", "secret"]

KEY_KIND_VALUES: set[KeyKind] = {
    "publishable",
    "secret",
}


def check_key_kind(value: str) -> KeyKind:
    if value in KEY_KIND_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {KEY_KIND_VALUES!r}")
