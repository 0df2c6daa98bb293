from typing import TYPE_CHECKING
import importlib
if TYPE_CHECKING:
    import b.types
ROUTES = [('/', 'b.views.Home')]
views = importlib.import_module('b.views')
