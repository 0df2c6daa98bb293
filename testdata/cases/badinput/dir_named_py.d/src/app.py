import weird
import weird.inner
