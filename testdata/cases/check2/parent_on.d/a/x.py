import b.internal.x
