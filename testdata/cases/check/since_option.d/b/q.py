import b.r
