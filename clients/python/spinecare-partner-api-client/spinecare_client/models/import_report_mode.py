from typing import Literal

ImportReportMode = Literal["merge", "sync"]

IMPORT_REPORT_MODE_VALUES: set[ImportReportMode] = {
    "merge",
    "sync",
}


def check_import_report_mode(value: str) -> ImportReportMode:
    if value in IMPORT_REPORT_MODE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {IMPORT_REPORT_MODE_VALUES!r}")
