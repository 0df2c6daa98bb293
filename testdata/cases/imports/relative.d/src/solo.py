from . import anything
from .. import other
