import m4
