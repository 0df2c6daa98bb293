from . import sib
from .. import x
