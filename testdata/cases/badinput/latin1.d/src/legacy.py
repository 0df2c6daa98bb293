# -*- coding: latin-1 -*-
name = "café"  # été
import pkg.mod
x = "é"; ref = "pkg.mod"
def f():
    import os
