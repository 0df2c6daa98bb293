m = __import__('sib', globals(), locals(), ['x'], 1)
n = __import__('sib', fromlist=['x'], level=1)
