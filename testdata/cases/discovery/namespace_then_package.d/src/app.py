import ns.a
import ns.b
