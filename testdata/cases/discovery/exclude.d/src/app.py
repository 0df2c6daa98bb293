import pkg.test_a
import vendor.lib
