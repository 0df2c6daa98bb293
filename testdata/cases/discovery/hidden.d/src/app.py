import pkg.mod
import pkg.__pycache__.mod
