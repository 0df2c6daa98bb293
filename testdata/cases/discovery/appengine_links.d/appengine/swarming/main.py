import components.auth
from components import utils
from components.auth import api
from server import large
import server.large
from server.auth_copy import api as api2
