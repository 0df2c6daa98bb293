import models
print "views loaded"
