from typing import TYPE_CHECKING

if TYPE_CHECKING is True:
    from app.billing import total


class Order:
    pass
