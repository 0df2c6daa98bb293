import b.api.y
