"""National Provider Identifier check (CMS): 10 digits, Luhn over the 80840 card-issuer prefix."""

from __future__ import annotations

import re

NPI_PATTERN = re.compile(r"^[0-9]{10}$")
# CMS: an NPI is checked as if it were the ISO 7812 card number 80840 + NPI.
NPI_ISSUER_PREFIX = "80840"


def luhn_valid(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        digit = int(char)
        if position % 2 == 1:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return total % 10 == 0


def is_valid_npi(value: str) -> bool:
    return bool(NPI_PATTERN.match(value)) and luhn_valid(NPI_ISSUER_PREFIX + value)


def npi_check_digit(first_nine: str) -> str:
    """The tenth digit that makes `first_nine` a valid NPI (for fixtures and demo data)."""
    return next(str(d) for d in range(10) if is_valid_npi(f"{first_nine}{d}"))
