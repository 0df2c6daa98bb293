import c.q
