import a.y
import b.y
