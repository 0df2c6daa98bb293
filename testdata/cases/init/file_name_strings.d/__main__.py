MAIN = True
