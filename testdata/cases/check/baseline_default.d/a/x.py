import b.api
import b.db
