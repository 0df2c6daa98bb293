from b import internal
import c.util
