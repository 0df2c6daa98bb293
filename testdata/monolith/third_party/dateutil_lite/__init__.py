"""Very small date parsing helpers (in-house, not the PyPI package)."""

VERSION = (0, 2)

from .parser import parse_iso  # noqa
from .tz import UTC  # noqa
