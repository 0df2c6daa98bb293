import os
print "py2 only"
exec "x = 1"
