import b.y
