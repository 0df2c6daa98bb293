import c.more
