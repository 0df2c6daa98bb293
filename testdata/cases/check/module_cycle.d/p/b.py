from p import c
