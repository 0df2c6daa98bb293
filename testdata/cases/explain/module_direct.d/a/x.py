import os
import b.y
from b import y
