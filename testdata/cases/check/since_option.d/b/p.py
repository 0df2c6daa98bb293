import b.q
