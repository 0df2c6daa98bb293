import ns.mod
import ns.sub.deep
import pkg.nsinner.leaf
