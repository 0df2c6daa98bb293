import collections
from collections import OrderedDict
import exceptions
import json
