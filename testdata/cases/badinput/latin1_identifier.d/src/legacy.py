# -*- coding: latin-1 -*-
def café():
    import os
