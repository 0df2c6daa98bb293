from util import text
print "models"
