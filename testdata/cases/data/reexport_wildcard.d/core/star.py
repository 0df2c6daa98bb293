from core.base import *
