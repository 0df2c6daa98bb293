import b.y  # cutline: ignore[undeclared-dependency]
from b import y  # cutline: ignore[undeclared-dependency] -- shared fixture, moves in Q3
