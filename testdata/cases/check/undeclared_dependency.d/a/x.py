import os
import b.y
