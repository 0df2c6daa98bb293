print "models"
