import sys
import json
