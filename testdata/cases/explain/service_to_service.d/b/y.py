from c import z
