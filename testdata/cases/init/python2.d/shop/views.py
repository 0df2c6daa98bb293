import cart
print "views"
