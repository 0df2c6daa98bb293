from typing import TYPE_CHECKING
if TYPE_CHECKING:
    from lib import core
HANDLER = "app.views.handler"
