import ConfigParser
import configparser
import urllib2
import Tkinter
import tkinter
import os.path
import typing
