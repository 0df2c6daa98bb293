view = 1
