import large
from components import utils
