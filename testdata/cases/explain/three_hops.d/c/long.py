import b.extra
