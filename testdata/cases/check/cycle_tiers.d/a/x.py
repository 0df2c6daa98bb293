ROUTE = "b.x"
import c.x
