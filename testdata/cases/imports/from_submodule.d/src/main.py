from a import b
from a import helper
from a import b, helper as h
from a import *
from a.nope import x
import a.nope
