"""Example pages served by the app itself (not part of the /v1 contract nor its OpenAPI spec)."""
