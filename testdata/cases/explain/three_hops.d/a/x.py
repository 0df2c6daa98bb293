import b.y
import c.long
