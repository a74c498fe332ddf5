from typing import Literal

ImportPhysiciansMode = Literal["merge", "sync"]

IMPORT_PHYSICIANS_MODE_VALUES: set[ImportPhysiciansMode] = {
    "merge",
    "sync",
}


def check_import_physicians_mode(value: str) -> ImportPhysiciansMode:
    if value in IMPORT_PHYSICIANS_MODE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {IMPORT_PHYSICIANS_MODE_VALUES!r}")
