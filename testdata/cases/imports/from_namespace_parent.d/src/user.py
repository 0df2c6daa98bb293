import ns.mod
from ns import mod
import pkg.mod
from pkg import mod
