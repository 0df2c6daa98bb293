import m2
