import b.db
