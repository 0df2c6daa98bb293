import c
import c.x
