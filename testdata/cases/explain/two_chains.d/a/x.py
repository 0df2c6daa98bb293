import b.q
import b.p
