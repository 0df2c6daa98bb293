"""API plumbing: OAuth and rate limiting."""
