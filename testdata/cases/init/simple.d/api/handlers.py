import json
from core import models
