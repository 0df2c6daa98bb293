import pkg.mine
import pkg.other
