from __future__ import absolute_import
import sibling
from . import sibling
