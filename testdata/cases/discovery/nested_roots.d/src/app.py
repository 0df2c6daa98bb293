import lib.core
import third_party.lib.core
