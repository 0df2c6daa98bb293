m = __import__('sib', globals())
