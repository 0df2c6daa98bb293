import pkg.b.y
