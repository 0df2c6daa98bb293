import pkg.mod
ref = "pkg.mod"
