import pkg.user
