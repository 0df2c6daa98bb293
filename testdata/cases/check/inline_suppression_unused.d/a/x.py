import b.w  # cutline: ignore[private-import] wrong kind
import os  # cutline: ignore
# cutline: ignore[undeclared-dependency] nothing below
import os.path
