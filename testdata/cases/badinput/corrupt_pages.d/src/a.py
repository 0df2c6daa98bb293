import os
import b
