import pkg.b.x
