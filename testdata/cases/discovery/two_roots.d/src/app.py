import util
import ns.a
import ns.b
