import b.internal
import c.core
