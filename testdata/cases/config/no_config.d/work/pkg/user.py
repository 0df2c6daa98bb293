import sib
from pkg import sib
