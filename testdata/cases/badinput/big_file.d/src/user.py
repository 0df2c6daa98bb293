import big
import edge
