import b.p
