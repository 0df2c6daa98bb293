X = Y
Y = X
X.query()
