try:
    True
except NameError:
    True, False = 1, 0
import os
