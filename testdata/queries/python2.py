# python2.py — Python 2 syntax parses without errors and keeps its imports.
import urllib2
#      ^ import urllib2
print "hello", 10L, 0777
print >>sys.stderr, "x"
exec "code" in ns
x = `1`
#<- name x
if 1 <> 2:
    pass
s = ur'raw'
#<- name s
try:
    import cPickle as pickle
#          ^ import cPickle alias=pickle ctx=try,importerror
except ImportError, e:
    import pickle
#          ^ import pickle ctx=except


def old(a, (b, c)):
#<- function old
    pass
