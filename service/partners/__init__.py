"""Partners: API keys with scopes, per-partner rate limits and CORS origins, usage, audit."""
