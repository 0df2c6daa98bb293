# -*- coding: utf-8 -*-
from pkg import mod
