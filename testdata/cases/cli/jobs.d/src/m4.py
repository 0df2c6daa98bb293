import m5
