import b.internal
