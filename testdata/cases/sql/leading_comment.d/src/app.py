import os, json
NAME = "a, \"quoted\" value"
