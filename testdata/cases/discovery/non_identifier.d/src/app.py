import pkg.ok
