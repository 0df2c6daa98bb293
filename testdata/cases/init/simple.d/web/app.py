import os
import api.handlers
