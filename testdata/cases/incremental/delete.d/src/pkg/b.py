import pkg.a
import os
