X = X
class C(X): pass
