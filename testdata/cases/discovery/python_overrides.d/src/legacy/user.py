import helper
print "py2 print"
