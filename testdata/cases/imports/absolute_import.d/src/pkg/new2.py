"""Docstring first."""
from __future__ import (print_function,
                        absolute_import)
import sibling
