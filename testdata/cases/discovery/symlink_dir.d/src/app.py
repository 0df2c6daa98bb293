import linked.util
import alias.mod
