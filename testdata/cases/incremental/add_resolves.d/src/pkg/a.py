import pkg.c
from pkg import d
