load = lambda: __import__('a')
def later():
    return __import__('b')
