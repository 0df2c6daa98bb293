import mod
import pkg.mod
