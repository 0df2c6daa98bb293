# cutline: ignore
import b.y
import b.z
