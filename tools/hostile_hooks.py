"""Schemathesis hooks for `make hostile-run` (SCHEMATHESIS_HOOKS=tools.hostile_hooks): imports are
plain text in CSV or NDJSON, so generated strings are sent as they are (as tests/test_contract.py
does in-process)."""

import schemathesis

schemathesis.serializer.alias("text/csv", "text/plain")
schemathesis.serializer.alias("application/x-ndjson", "text/plain")
