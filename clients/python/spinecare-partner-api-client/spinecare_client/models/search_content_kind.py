from typing import Literal

SearchContentKind = Literal["care_pathway", "condition", "treatment"]

SEARCH_CONTENT_KIND_VALUES: set[SearchContentKind] = {
    "care_pathway",
    "condition",
    "treatment",
}


def check_search_content_kind(value: str) -> SearchContentKind:
    if value in SEARCH_CONTENT_KIND_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {SEARCH_CONTENT_KIND_VALUES!r}")
