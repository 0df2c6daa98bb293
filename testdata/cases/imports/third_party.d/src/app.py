import requests
import requests.adapters
from yaml import safe_load
import django.conf
from flask import Flask
import os
import local
