import json
import requests
import missing_pkg
from app import models
def handler():
    from app import utils
