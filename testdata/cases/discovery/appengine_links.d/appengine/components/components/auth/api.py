from components import utils
