import gone
import gonedir.x
