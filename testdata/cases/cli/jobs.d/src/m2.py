import m3
