import c.z
