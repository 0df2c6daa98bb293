import sibling
from sibling import thing
import only_here
import pkg.sibling
import os
